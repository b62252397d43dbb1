import { BulbOutlined } from '@ant-design/icons';
import { Alert, Flex, Spin, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactClassification } from '../../api/types-tickets';
import { formatPercent } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { highlightMatches } from './highlightMatches';

const WINNER = { background: '#ffe7ba', color: '#873800', padding: '0 2px', borderRadius: 2 } as const;
const OTHER = { background: '#f0f0f0', padding: '0 2px', borderRadius: 2 } as const;
const PSYCHOLOGY = { background: '#efdbff', color: '#391085', padding: '0 2px', borderRadius: 2 } as const;

type Props = {
  note: string;
  classification: ContactClassification | undefined;
  loading: boolean;
  /** The type the agent has on the form (differs from the suggestion once they chose). */
  chosenType: string | undefined;
};

/** The classifier's suggested type for the note, with the words that decided it marked in the note. */
export function ClassifierSuggestion({ note, classification, loading, chosenType }: Props) {
  const { t } = useTranslation();
  if (!classification) {
    return loading ? <Spin size="small" /> : null;
  }
  const ranges = highlightMatches(note, classification.matched, classification.psychology?.matched ?? []);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start > at) parts.push(note.slice(at, range.start));
    const winner = range.match.type === classification.type;
    const label = range.psychology
      ? codeLabel(t, 'tag.complaintPsychology', range.match.type)
      : codeLabel(t, 'contactType', range.match.type);
    parts.push(
      <Tooltip key={`${range.start}-${range.end}`} title={`${label} +${range.match.weight}`}>
        <mark
          style={range.psychology ? PSYCHOLOGY : winner ? WINNER : OTHER}
          data-testid="contact-match"
          data-type={range.match.type}
        >
          {note.slice(range.start, range.end)}
        </mark>
      </Tooltip>,
    );
    at = range.end;
  }
  if (at < note.length) parts.push(note.slice(at));

  const differs = chosenType !== undefined && chosenType !== classification.type;
  return (
    <Alert
      type={differs ? 'warning' : 'info'}
      icon={<BulbOutlined />}
      showIcon
      data-testid="contact-suggestion"
      data-type={classification.type}
      title={
        <Flex gap={6} align="center" wrap>
          <span>{t('contactLog.suggested')}</span>
          <Tag
            color={classification.type === 'complaint' ? 'red' : 'blue'}
            data-testid="contact-suggested-type"
          >
            {codeLabel(t, 'contactType', classification.type)}
          </Tag>
          {classification.confidence !== null && !classification.fallback && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contactLog.confidence', { value: formatPercent(classification.confidence, 0) })}
            </Typography.Text>
          )}
          {classification.fallback && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contactLog.fallback')}
            </Typography.Text>
          )}
          {classification.psychology && (
            <Tag color="purple" data-testid="contact-suggested-psychology">
              {codeLabel(t, 'tag.complaintPsychology', classification.psychology.tag)}
            </Tag>
          )}
          {loading && <Spin size="small" />}
        </Flex>
      }
      description={
        <>
          {ranges.length > 0 && (
            <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }} data-testid="contact-note-highlight">
              {parts}
            </div>
          )}
          {differs && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="contact-type-overridden">
              {t('contactLog.overridden', { type: codeLabel(t, 'contactType', chosenType) })}
            </Typography.Text>
          )}
          {classification.rulesVersion !== null && (
            <div style={{ fontSize: 12, opacity: 0.6 }}>
              {t('contactLog.rulesVersion', { version: classification.rulesVersion })}
            </div>
          )}
        </>
      }
    />
  );
}
