import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { lintText } from '../../api/workbench';
import { useDebouncedValue } from '../../components/useDebouncedValue';

/**
 * Forbidden phrases in what the agent is writing, checked as they type (DOMAIN.md §9 service
 * phrasing). A warning only: the outcome is saved anyway and returns the same findings.
 */
export function NotesLint({ text }: { text: string }) {
  const { t } = useTranslation();
  const settled = useDebouncedValue(text.trim(), 600);
  const lint = useQuery({
    queryKey: ['workbench', 'lint', settled],
    queryFn: () => lintText(settled),
    enabled: settled.length >= 2,
    staleTime: Number.POSITIVE_INFINITY,
    // A failing live check must not get in the agent's way: the outcome reports warnings too.
    retry: false,
  });
  const findings = settled.length >= 2 ? (lint.data?.findings ?? []) : [];
  if (findings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 6 }}
      data-testid="notes-lint"
      title={t('callPanel.outcome.notesLint')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {findings.map((finding) => (
            <li key={`${finding.code}-${finding.index}`}>
              “{finding.match}” → {t('callPanel.outcome.suggestion', { text: finding.suggestion })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
