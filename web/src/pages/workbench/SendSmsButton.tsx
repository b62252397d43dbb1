import { MessageOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { SmsModal } from './SmsModal';

type Props = {
  subscriberId: number;
  campaignId?: number | null;
  /** Controlled from outside (the call panel's S shortcut); otherwise the button keeps its own state. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
};

/** "Send care SMS": shown only to users who may send (sms.send). */
export function SendSmsButton({ subscriberId, campaignId, open, onOpenChange }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [ownOpen, setOwnOpen] = useState(false);
  const isOpen = open ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  if (!can(me.data, 'sms.send')) return null;
  return (
    <>
      <Button icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="send-sms">
        {t('sms.button')}
      </Button>
      <SmsModal
        open={isOpen}
        subscriberId={subscriberId}
        campaignId={campaignId ?? null}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
