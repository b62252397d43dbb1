import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, type DescriptionsProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile, UnmaskResult } from '../../api/types-360';
import { CodeTags } from '../../components/CodeTags';
import { formatDate } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { UnmaskModal } from './UnmaskModal';

type Props = { subscriberId: number; profile: Profile; canUnmask: boolean };
type Revealed = { msisdn?: string; idNumber?: string | null; auditId: number };

export function ProfileCard({ subscriberId, profile, canUnmask }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const onRevealed = (result: UnmaskResult) => {
    setRevealed((previous) => ({ ...previous, ...result }));
    setOpen(false);
  };

  const msisdn = revealed?.msisdn ?? profile.msisdnMasked;
  const idNumber = revealed?.idNumber !== undefined ? revealed.idNumber : profile.idNumberMasked;
  const location = [profile.province, profile.city, profile.district].filter(Boolean).join(' ');
  const items: DescriptionsProps['items'] = [
    {
      key: 'msisdn',
      label: t('s360.profile.msisdn'),
      children: (
        <Typography.Text strong copyable={revealed?.msisdn !== undefined} data-testid="profile-msisdn">
          {msisdn}
        </Typography.Text>
      ),
    },
    {
      key: 'idNumber',
      label: t('s360.profile.idNumber'),
      children: <span data-testid="profile-id-number">{idNumber ?? '—'}</span>,
    },
    {
      key: 'gender',
      label: t('s360.profile.gender'),
      children: codeLabel(t, 'gender', profile.gender) || '—',
    },
    { key: 'birthDate', label: t('s360.profile.birthDate'), children: formatDate(profile.birthDate) },
    { key: 'location', label: t('s360.profile.location'), children: location },
    { key: 'brand', label: t('s360.profile.brand'), children: codeLabel(t, 'brand', profile.brand) },
    {
      key: 'status',
      label: t('s360.profile.status'),
      children: `${codeLabel(t, 'status', profile.status)} · ${formatDate(profile.statusSince)}`,
    },
    {
      key: 'vipLevel',
      label: t('s360.profile.vipLevel'),
      children: codeLabel(t, 'vipLevel', profile.vipLevel),
    },
    {
      key: 'tenure',
      label: t('s360.profile.tenure'),
      children: `${t('s360.profile.tenureMonths', { count: profile.tenureMonths })} (${formatDate(profile.joinDate)})`,
    },
    { key: 'handset', label: t('s360.profile.handset'), children: profile.handsetModel ?? '—' },
    { key: 'group', label: t('s360.profile.groupCustomer'), children: yesNo(profile.isGroupCustomer) },
    { key: 'consent', label: t('s360.profile.consent'), children: yesNo(profile.marketingConsent) },
    { key: 'dnc', label: t('s360.profile.doNotCall'), children: yesNo(profile.doNotCall) },
    { key: 'optOut', label: t('s360.profile.profilingOptOut'), children: yesNo(profile.profilingOptOut) },
    {
      key: 'scene',
      label: t('s360.profile.sceneTags'),
      children: <CodeTags group="sceneTag" codes={profile.sceneTags} color="blue" />,
    },
  ];

  return (
    <Card
      title={t('s360.profile.title')}
      style={{ height: '100%' }}
      extra={
        canUnmask && (
          <Button
            size="small"
            icon={<EyeOutlined />}
            onClick={() => setOpen(true)}
            data-testid="unmask-button"
          >
            {t('s360.unmask.button')}
          </Button>
        )
      }
    >
      {revealed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('s360.unmask.notice', { id: revealed.auditId })}
          data-testid="unmask-notice"
        />
      )}
      <Descriptions column={1} size="small" items={items} />
      {canUnmask && (
        <UnmaskModal
          open={open}
          subscriberId={subscriberId}
          hasIdNumber={profile.idNumberMasked !== null}
          onCancel={() => setOpen(false)}
          onRevealed={onRevealed}
        />
      )}
    </Card>
  );
}
