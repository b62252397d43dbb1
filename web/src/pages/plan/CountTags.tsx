import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format/format';

type CountTagsProps = {
  counts: Record<string, number>;
  label: (key: string) => string;
  format?: (value: number) => string;
};

/** Non-zero counts as tags, largest first (reasons, teams, actions, stages). */
export function CountTags({ counts, label, format = formatNumber }: CountTagsProps) {
  const { t } = useTranslation();
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) return <span style={{ opacity: 0.5 }}>{t('common.none')}</span>;
  return (
    <>
      {entries
        .sort((a, b) => b[1] - a[1])
        .map(([key, n]) => (
          <Tag key={key} style={{ marginBottom: 4 }}>
            {label(key)}: {format(n)}
          </Tag>
        ))}
    </>
  );
}
