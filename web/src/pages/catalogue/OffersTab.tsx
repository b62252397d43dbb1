import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOffers, svKeys } from '../../api/supervision';
import { OFFER_RULES, type Offer } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatYuan } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { EligibilityTags } from './EligibilityTags';
import { OfferDrawer } from './OfferDrawer';

type Editing = { offer: Offer | null } | null;

/** The offer catalogue by the five retention rules, with eligibility and cost; analysts edit. */
export function OffersTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const offers = useQuery({ queryKey: svKeys.offers(lang), queryFn: () => fetchOffers(lang) });
  const [rule, setRule] = useState<string>('all');
  const [editing, setEditing] = useState<Editing>(null);
  const all = offers.data?.items ?? [];
  const shown = rule === 'all' ? all : all.filter((offer) => offer.rule === rule);

  const columns: ColumnsType<Offer> = [
    {
      key: 'offer',
      title: t('catalogue.offers.offer'),
      minWidth: 240,
      render: (_, o) => (
        <Flex vertical>
          <Typography.Text strong title={o.description}>
            {o.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'rule',
      title: t('catalogue.offers.rule'),
      minWidth: 80,
      render: (_, o) => t(`catalogue.rules.${o.rule}`, { defaultValue: o.rule }),
    },
    {
      key: 'kind',
      title: t('catalogue.offers.kind'),
      minWidth: 110,
      render: (_, o) => t(`catalogue.kinds.${o.kind}`, { defaultValue: o.kind }),
    },
    {
      key: 'eligibility',
      title: t('catalogue.offers.eligibility'),
      minWidth: 200,
      render: (_, o) => <EligibilityTags eligibility={o.eligibility} />,
    },
    {
      key: 'cost',
      title: t('catalogue.offers.cost'),
      minWidth: 100,
      align: 'right',
      render: (_, o) => formatYuan(o.costFen),
    },
    {
      key: 'channel',
      title: t('catalogue.offers.channel'),
      render: (_, o) => t(`catalogue.channels.${o.channel}`, { defaultValue: o.channel }),
      responsive: ['lg'],
    },
    {
      key: 'target',
      title: t('catalogue.offers.targetPlan'),
      render: (_, o) => o.targetPlanCode ?? '—',
      responsive: ['xl'],
    },
    {
      key: 'script',
      title: t('catalogue.offers.script'),
      render: (_, o) => o.scriptCode ?? '—',
      responsive: ['xl'],
    },
    {
      key: 'validity',
      title: t('catalogue.offers.validity'),
      minWidth: 180,
      render: (_, o) => (
        <Flex vertical>
          <span>
            {formatDate(o.validFrom)} – {o.validTo ? formatDate(o.validTo) : t('catalogue.offers.noEnd')}
          </span>
          {o.availableToday ? (
            <Tag color="green">{t('catalogue.offers.available')}</Tag>
          ) : (
            <Tag>{o.isActive ? t('catalogue.offers.outOfValidity') : t('catalogue.offers.inactive')}</Tag>
          )}
        </Flex>
      ),
    },
    ...(canManage
      ? [
          {
            key: 'edit',
            title: t('common.actions'),
            render: (_: unknown, o: Offer) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing({ offer: o })}
                data-testid={`offer-edit-${o.code}`}
              >
                {t('catalogue.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={rule}
          onChange={(next) => setRule(String(next))}
          options={[
            { value: 'all', label: `${t('common.all')} (${all.length})` },
            ...OFFER_RULES.map((r) => ({
              value: r,
              label: `${t(`catalogue.rules.${r}`)} (${all.filter((o) => o.rule === r).length})`,
            })),
          ]}
        />
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ offer: null })}
            data-testid="offer-new"
          >
            {t('catalogue.offers.new')}
          </Button>
        )}
      </Flex>
      {rule !== 'all' && (
        <Typography.Text type="secondary">{t(`catalogue.ruleHelp.${rule}`)}</Typography.Text>
      )}
      {offers.isError && <ErrorAlert error={offers.error} onRetry={() => void offers.refetch()} />}
      <Table<Offer>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={shown}
        loading={offers.isPending}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('catalogue.offers.empty') }}
        onRow={(o) => ({ 'data-testid': `offer-row-${o.code}` }) as HTMLAttributes<HTMLElement>}
      />
      <OfferDrawer
        open={editing !== null}
        offer={editing?.offer ?? null}
        rule={rule === 'all' ? 'cost' : rule}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}
