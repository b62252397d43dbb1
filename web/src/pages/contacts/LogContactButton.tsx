import { FormOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDirection, LogContactResult } from '../../api/types-tickets';
import { LogContactDrawer } from './LogContactDrawer';

type Props = {
  subscriberId: number;
  callTaskId?: number;
  defaultDirection?: ContactDirection;
  size?: 'small' | 'middle';
  onLogged?: (result: LogContactResult) => void;
};

/** "Log a contact" and its drawer. */
export function LogContactButton({ subscriberId, callTaskId, defaultDirection, size, onLogged }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<FormOutlined />} size={size} onClick={() => setOpen(true)} data-testid="log-contact">
        {t('contactLog.button')}
      </Button>
      <LogContactDrawer
        open={open}
        subscriberId={subscriberId}
        {...(callTaskId !== undefined ? { callTaskId } : {})}
        {...(defaultDirection ? { defaultDirection } : {})}
        onClose={() => setOpen(false)}
        {...(onLogged ? { onLogged } : {})}
      />
    </>
  );
}
