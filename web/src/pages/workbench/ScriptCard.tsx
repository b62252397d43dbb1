import { BulbOutlined } from '@ant-design/icons';
import { Alert, Card, Collapse, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallScript, ScriptHint } from '../../api/types-workbench';
import { codeLabel } from '../../i18n/codes';

/** Steps the agent reads out, in order; the rest (checkpoint) are stage directions. */
const STAGE_DIRECTIONS = new Set(['checkpoint']);

/** The tag behind a hint, as the reader knows it (性格类型：老鹰型). */
function hintCause(t: ReturnType<typeof useTranslation>['t'], hint: ScriptHint): string | null {
  const tag = hint.params.tag;
  const value = hint.params.value;
  if (typeof tag !== 'string' || typeof value !== 'string') return null;
  if (tag === 'segment') return codeLabel(t, 'segment', value);
  return `${codeLabel(t, 'tagField', tag)}：${codeLabel(t, `tag.${tag}`, value)}`;
}

/**
 * The call's script adapted to the subscriber's tags: opening, body, disclosure, closing (with any
 * added steps), objections as a collapsible list, and the adaptation hints saying what changed and why.
 */
export function ScriptCard({ script }: { script: CallScript | null | undefined }) {
  const { t } = useTranslation();
  if (!script) {
    return (
      <Card title={t('callPanel.script.title')} data-testid="briefing-script">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('callPanel.script.noScript')} />
      </Card>
    );
  }
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('callPanel.script.title')}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {script.title}
          </Typography.Text>
        </Flex>
      }
      extra={<Tag>{t('callPanel.script.version', { version: script.version })}</Tag>}
      data-testid="briefing-script"
    >
      {script.hints.length > 0 && (
        <Alert
          type="info"
          showIcon
          icon={<BulbOutlined />}
          style={{ marginBottom: 12 }}
          title={t('callPanel.script.hints')}
          data-testid="script-hints"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {script.hints.map((hint) => {
                const cause = hintCause(t, hint);
                return (
                  <li key={hint.code} data-testid={`script-hint-${hint.code}`}>
                    {hint.text}
                    {cause && (
                      <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                        （{cause}）
                      </Typography.Text>
                    )}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      {script.missingVariables.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('callPanel.script.missing', {
            names: script.missingVariables.map((name) => `{${name}}`).join('、'),
          })}
        />
      )}
      <Flex vertical gap={12}>
        {script.steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a step key may repeat (disclosure confirmed twice)
          <div key={`${step.key}-${index}`} data-testid={`script-step-${step.key}`}>
            <Typography.Text strong type={STAGE_DIRECTIONS.has(step.key) ? 'warning' : undefined}>
              {t(`callPanel.script.step.${step.key}`, { defaultValue: step.key })}
            </Typography.Text>
            <Typography.Paragraph
              style={{
                margin: '4px 0 0',
                whiteSpace: 'pre-wrap',
                fontStyle: STAGE_DIRECTIONS.has(step.key) ? 'italic' : undefined,
              }}
            >
              {step.text}
            </Typography.Paragraph>
          </div>
        ))}
      </Flex>
      {script.objections.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="script-objections">
          <Typography.Text strong>{t('callPanel.script.objections')}</Typography.Text>
          <Collapse
            size="small"
            style={{ marginTop: 4 }}
            items={script.objections.map((objection) => ({
              key: objection.trigger,
              label: t(`callPanel.objection.${objection.trigger}`, { defaultValue: objection.trigger }),
              children: <div style={{ whiteSpace: 'pre-wrap' }}>{objection.response}</div>,
            }))}
          />
        </div>
      )}
    </Card>
  );
}
