import { PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CampaignMove, moveCampaign, svKeys } from '../../api/supervision';
import type { Campaign } from '../../api/types-supervision';
import { errorMessage } from '../../components/ErrorAlert';

/** Pause, resume and end a launched campaign (managers only; the server checks the move is allowed). */
export function CampaignControls({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (which: CampaignMove) => moveCampaign(campaign.id, which),
    onSuccess: (updated, which) => {
      void message.success(t(`campaigns.controls.done.${which}`));
      queryClient.setQueryData(svKeys.campaign(campaign.id), updated);
      void queryClient.invalidateQueries({ queryKey: svKeys.campaigns });
    },
    onError: (error) => void message.error(errorMessage(t, error)),
  });
  const busy = (which: CampaignMove) => move.isPending && move.variables === which;

  return (
    <Space wrap>
      {campaign.status === 'active' && (
        <Button
          icon={<PauseCircleOutlined />}
          loading={busy('pause')}
          onClick={() => move.mutate('pause')}
          data-testid="campaign-pause"
        >
          {t('campaigns.controls.pause')}
        </Button>
      )}
      {campaign.status === 'paused' && (
        <Button
          icon={<PlayCircleOutlined />}
          loading={busy('resume')}
          onClick={() => move.mutate('resume')}
          data-testid="campaign-resume"
        >
          {t('campaigns.controls.resume')}
        </Button>
      )}
      {(campaign.status === 'active' || campaign.status === 'paused') && (
        <Popconfirm
          title={t('campaigns.controls.endConfirm')}
          description={t('campaigns.controls.endExplain')}
          okText={t('campaigns.controls.end')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'campaign-end-confirm' }}
          onConfirm={() => move.mutate('end')}
        >
          <Button danger icon={<StopOutlined />} loading={busy('end')} data-testid="campaign-end">
            {t('campaigns.controls.end')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
