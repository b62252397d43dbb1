import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CodeGroup, codeLabel } from '../i18n/codes';

type Props = { group: CodeGroup; codes: readonly string[]; color?: string; emptyText?: string };

/** A row of translated code tags (signals, segments, scene tags, …). */
export function CodeTags({ group, codes, color, emptyText = '—' }: Props) {
  const { t } = useTranslation();
  if (codes.length === 0) return <span style={{ opacity: 0.45 }}>{emptyText}</span>;
  return (
    <Space size={[0, 4]} wrap>
      {codes.map((code) => (
        <Tag key={code} color={color}>
          {codeLabel(t, group, code)}
        </Tag>
      ))}
    </Space>
  );
}

export function CodeTag({ group, code, color }: { group: CodeGroup; code: string; color?: string }) {
  const { t } = useTranslation();
  return <Tag color={color}>{codeLabel(t, group, code)}</Tag>;
}
