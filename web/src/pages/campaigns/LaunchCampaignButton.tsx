import { RocketOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { launchCampaign, svKeys } from '../../api/supervision';
import type { Campaign } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPercent } from '../../format/format';

type LaunchCampaignButtonProps = { campaign: Campaign; disabled: boolean };

/**
 * Launch with a confirmation that says what cannot be undone: the members and the holdout are drawn
 * now from the current scoring run, and the holdout is never contacted by this campaign.
 */
export function LaunchCampaignButton({ campaign, disabled }: LaunchCampaignButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const launch = useMutation({
    mutationFn: () => launchCampaign(campaign.id),
    onSuccess: (result) => {
      void message.success(
        t('campaigns.launch.done', {
          treatment: result.drawn.treatment.toLocaleString(),
          holdout: result.drawn.holdout.toLocaleString(),
        }),
      );
      queryClient.setQueryData(svKeys.campaign(campaign.id), result.campaign);
      void queryClient.invalidateQueries({ queryKey: svKeys.campaigns });
      setOpen(false);
    },
  });

  return (
    <>
      <Button
        type="primary"
        icon={<RocketOutlined />}
        disabled={disabled}
        onClick={() => setOpen(true)}
        data-testid="campaign-launch"
      >
        {t('campaigns.launch.button')}
      </Button>
      <Modal
        open={open}
        title={t('campaigns.launch.title', { name: campaign.name })}
        okText={t('campaigns.launch.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: launch.isPending, 'data-testid': 'campaign-launch-confirm' }}
        onOk={() => launch.mutate()}
        onCancel={() => setOpen(false)}
        afterClose={() => launch.reset()}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t('campaigns.launch.drawNow', { share: formatPercent(campaign.holdoutShare, 0) })}
        </Typography.Paragraph>
        <Typography.Paragraph strong>{t('campaigns.launch.neverContacted')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('campaigns.launch.irreversible')}</Typography.Paragraph>
        {launch.isError && <ErrorAlert error={launch.error} />}
      </Modal>
    </>
  );
}
