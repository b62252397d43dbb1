import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTicketCategories } from './useTicketCategories';

type Props = {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId: string;
  style?: React.CSSProperties;
  status?: 'error';
};

/** Pick a ticket category: a top-level one or one of its children (each option has a test id). */
export function CategoryTreeSelect({
  value,
  onChange,
  allowClear,
  placeholder,
  testId,
  style,
  status,
}: Props) {
  const { t } = useTranslation();
  const { treeData, isPending } = useTicketCategories();
  return (
    <TreeSelect
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next)}
      treeData={treeData}
      treeDefaultExpandAll
      // The selection shows the plain name, not the option's test-id span.
      treeNodeLabelProp="label"
      showSearch={{ treeNodeFilterProp: 'label' }}
      allowClear={allowClear}
      loading={isPending}
      placeholder={placeholder ?? t('tickets.fields.category')}
      data-testid={testId}
      style={style}
      status={status}
      popupMatchSelectWidth={false}
    />
  );
}
