import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintAnalysis } from '../../api/types-tickets';
import { codeLabel } from '../../i18n/codes';

export const ANALYSIS_PARTS = ['emotion', 'fact', 'opinion', 'claim'] as const;

/** A complaint's four parts (emotion, fact, opinion, claim) and the psychology behind it. */
export function ContactAnalysis({
  analysis,
  testId = 'contact-analysis',
}: {
  analysis: ComplaintAnalysis;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered data-testid={testId}>
      {ANALYSIS_PARTS.map((part) => (
        <Descriptions.Item key={part} label={t(`contactLog.analysis.${part}`)}>
          <span data-testid={`${testId}-${part}`} style={{ whiteSpace: 'pre-wrap' }}>
            {analysis[part] ?? '—'}
          </span>
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('contactLog.analysis.psychology')}>
        {analysis.complaintPsychology ? (
          <Tag color="purple" data-testid={`${testId}-psychology`}>
            {codeLabel(t, 'tag.complaintPsychology', analysis.complaintPsychology)}
          </Tag>
        ) : (
          '—'
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
