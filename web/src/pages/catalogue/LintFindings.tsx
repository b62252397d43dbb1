import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LintFinding, ScriptDocument } from '../../api/types-supervision';
import { sectionLabel } from './scriptSections';

type LintFindingsProps = {
  findings: LintFinding[];
  unknownVariables: { section: string; name: string }[];
  document: ScriptDocument;
  checking: boolean;
  /** Nothing checked yet (the first answer has not come back). */
  pending: boolean;
};

function languageOf(section: string | undefined, document: ScriptDocument) {
  const locale = section?.split('.')[0];
  return locale === 'zh-CN' || locale === 'en' ? document[locale] : undefined;
}

/** Every forbidden phrase in the draft, where it is, and what to say instead. */
export function LintFindings({ findings, unknownVariables, document, checking, pending }: LintFindingsProps) {
  const { t } = useTranslation();
  const clean = findings.length === 0 && unknownVariables.length === 0;
  return (
    <div data-testid="lint-findings" data-count={findings.length} data-clean={!pending && clean}>
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        {clean ? (
          <CheckCircleOutlined style={{ color: '#389e0d' }} />
        ) : (
          <WarningOutlined style={{ color: '#cf1322' }} />
        )}
        <Typography.Text strong>
          {pending
            ? t('scripts.lint.checking')
            : clean
              ? t('scripts.lint.clean')
              : t('scripts.lint.found', { count: findings.length })}
        </Typography.Text>
        {checking && <Spin size="small" />}
      </Flex>
      {findings.length > 0 && (
        <List
          size="small"
          dataSource={findings}
          renderItem={(finding) => (
            <List.Item key={`${finding.section}-${finding.index}-${finding.code}`} data-testid="lint-finding">
              <Flex vertical gap={2}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {finding.section
                    ? sectionLabel(t, finding.section, languageOf(finding.section, document))
                    : ''}
                </Typography.Text>
                <span>
                  <Tag color="red">{finding.match}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('scripts.lint.listed', { phrase: finding.phrase })}
                  </Typography.Text>
                </span>
                <Typography.Text style={{ fontSize: 13 }}>
                  <Typography.Text type="success">{t('scripts.lint.sayInstead')}</Typography.Text>{' '}
                  {finding.suggestion}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {unknownVariables.length > 0 && (
        <Typography.Paragraph type="warning" style={{ fontSize: 12, marginTop: 8 }}>
          {t('scripts.lint.unknownVariables', {
            list: unknownVariables
              .map((u) => `${sectionLabel(t, u.section, languageOf(u.section, document))}: {${u.name}}`)
              .join('; '),
          })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
