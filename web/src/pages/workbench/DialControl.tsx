import { PhoneFilled } from '@ant-design/icons';
import { Button, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DialResult } from '../../api/types-workbench';
import { formatDuration } from './useCallTimer';

type Props = {
  dial: () => void;
  dialling: boolean;
  /** The policy says no now: dialling would be refused anyway. */
  blocked: boolean;
  result: DialResult | null;
  /** Seconds since Dial, or null before it. */
  seconds: number | null;
};

/** Dial (D): the number to dial on the agent's phone (or "placed"), and the running call timer. */
export function DialControl({ dial, dialling, blocked, result, seconds }: Props) {
  const { t } = useTranslation();
  const dialled = seconds !== null;
  return (
    <Flex align="center" gap={12} wrap>
      <Tooltip title="D">
        <Button
          color={dialled ? 'default' : 'green'}
          variant={dialled ? 'outlined' : 'solid'}
          size="large"
          icon={<PhoneFilled />}
          loading={dialling}
          disabled={blocked}
          onClick={dial}
          data-testid="dial"
        >
          {dialled ? t('callPanel.dial.redial') : t('callPanel.dial.button')}
        </Button>
      </Tooltip>
      {result?.mode === 'manual' && result.numberToDial && (
        <Flex vertical>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('callPanel.dial.number')}
          </Typography.Text>
          <Typography.Text
            copyable
            strong
            style={{ fontSize: 22, letterSpacing: 1, fontVariantNumeric: 'tabular-nums' }}
            data-testid="dial-number"
          >
            {result.numberToDial}
          </Typography.Text>
        </Flex>
      )}
      {result?.mode === 'placed' && (
        <Typography.Text type="success" data-testid="dial-placed">
          {t('callPanel.dial.placed')}
        </Typography.Text>
      )}
      <Flex vertical>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('callPanel.dial.timer')}
        </Typography.Text>
        <Typography.Text
          strong
          style={{ fontSize: 22, fontVariantNumeric: 'tabular-nums', color: dialled ? '#cf1322' : undefined }}
          data-testid="call-timer"
        >
          {dialled ? formatDuration(seconds) : '--:--'}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
