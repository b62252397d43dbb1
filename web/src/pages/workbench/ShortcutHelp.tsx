import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS } from '../../api/types-workbench';

type Props = { open: boolean; onOpenChange: (open: boolean) => void };

/** The keyboard shortcuts of the common path, in a small popover (also opened with '?'). */
export function ShortcutHelp({ open, onOpenChange }: Props) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ['N', t('workbench.shortcuts.next')],
    ['D', t('workbench.shortcuts.dial')],
    ...DISPOSITIONS.map((code, index): [string, string] => [String(index + 1), t(`dispositions.${code}`)]),
    ['Ctrl + Enter', t('workbench.shortcuts.submit')],
    ['Esc', t('workbench.shortcuts.cancel')],
    ['S', t('workbench.shortcuts.sms')],
    ['R', t('workbench.shortcuts.refresh')],
    ['?', t('workbench.shortcuts.help')],
  ];
  const content = (
    <div style={{ minWidth: 260 }} data-testid="shortcut-help">
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <tbody>
          {rows.map(([key, label]) => (
            <tr key={key}>
              <td style={{ padding: '3px 12px 3px 0', whiteSpace: 'nowrap' }}>
                <Typography.Text keyboard>{key}</Typography.Text>
              </td>
              <td style={{ padding: '3px 0' }}>{label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('workbench.shortcuts.note')}
      </Typography.Paragraph>
    </div>
  );
  return (
    <Popover
      open={open}
      onOpenChange={onOpenChange}
      trigger="click"
      placement="bottomRight"
      title={t('workbench.shortcuts.title')}
      content={content}
    >
      <Button icon={<QuestionCircleOutlined />} data-testid="shortcut-help-button">
        {t('workbench.shortcuts.button')}
      </Button>
    </Popover>
  );
}
