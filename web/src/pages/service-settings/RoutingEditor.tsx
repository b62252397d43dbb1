import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingRule, RoutingTable } from '../../api/types-service';
import { categoryOptions } from '../service/categories';
import { FieldProblem } from './FieldProblem';
import type { EditorProps } from './SettingsTab';
import { setIn } from './setIn';
import { problemAt } from './settingsProblems';

type OptionalField = 'city' | 'district' | 'note';

/** The dispatch table: rules matching category (and city, district) to a group, and the default group. */
export function RoutingEditor({ value, onChange, problems }: EditorProps<RoutingTable>) {
  const { t } = useTranslation();
  const rules = value.rules;
  const setRule = (index: number, rule: RoutingRule) => onChange(setIn(value, ['rules', index], rule));
  // An empty optional field is left out: the schema reads "" as a (too short) value, not as "any".
  const setOptional = (index: number, field: OptionalField, text: string) => {
    const { [field]: _dropped, ...rest } = rules[index] ?? { category: '', group: '' };
    setRule(index, text === '' ? rest : { ...rest, [field]: text });
  };
  const cell = (index: number, field: OptionalField | 'group', placeholder?: string) => {
    const message = problemAt(problems, ['rules', index, field]);
    return (
      <>
        <Input
          value={rules[index]?.[field] ?? ''}
          status={message ? 'error' : undefined}
          placeholder={placeholder}
          onChange={(event) =>
            field === 'group'
              ? setRule(index, { ...(rules[index] ?? { category: '' }), group: event.target.value })
              : setOptional(index, field, event.target.value)
          }
          data-testid={`routing-rule-${index}-${field}`}
        />
        <FieldProblem message={message} testId={`routing-rule-${index}-${field}-problem`} />
      </>
    );
  };

  const columns: ColumnsType<RoutingRule> = [
    {
      key: 'category',
      title: t('service.settings.routing.category'),
      width: 220,
      render: (_, rule, index) => {
        const message = problemAt(problems, ['rules', index, 'category']);
        return (
          <>
            <Select
              style={{ width: '100%' }}
              value={rule.category || undefined}
              status={message ? 'error' : undefined}
              options={categoryOptions(t)}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(category: string) => setRule(index, { ...rule, category })}
              data-testid={`routing-rule-${index}-category`}
            />
            <FieldProblem message={message} />
          </>
        );
      },
    },
    {
      key: 'city',
      title: t('service.settings.routing.city'),
      width: 140,
      render: (_, _r, i) => cell(i, 'city', t('service.settings.routing.any')),
    },
    {
      key: 'district',
      title: t('service.settings.routing.district'),
      width: 140,
      render: (_, _r, i) => cell(i, 'district', t('service.settings.routing.any')),
    },
    { key: 'group', title: t('service.settings.routing.group'), render: (_, _r, i) => cell(i, 'group') },
    { key: 'note', title: t('service.settings.routing.note'), render: (_, _r, i) => cell(i, 'note') },
    {
      key: 'actions',
      width: 56,
      render: (_, _r, index) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('service.settings.remove')}
          onClick={() => onChange({ ...value, rules: rules.filter((_rule, i) => i !== index) })}
          data-testid={`routing-rule-${index}-remove`}
        />
      ),
    },
  ];
  const defaultProblem = problemAt(problems, ['defaultGroup']);

  return (
    <Flex vertical gap={12}>
      <Flex vertical gap={4} style={{ maxWidth: 420 }}>
        <Typography.Text>{t('service.settings.routing.defaultGroup')}</Typography.Text>
        <Input
          value={value.defaultGroup}
          status={defaultProblem ? 'error' : undefined}
          onChange={(event) => onChange({ ...value, defaultGroup: event.target.value })}
          data-testid="routing-default-group"
        />
        <FieldProblem message={defaultProblem} testId="routing-default-group-problem" />
      </Flex>
      <Typography.Text type="secondary">{t('service.settings.routing.help')}</Typography.Text>
      <Table
        size="small"
        rowKey={(_rule, index) => String(index)}
        columns={columns}
        dataSource={rules}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(_rule, index) =>
          ({
            'data-testid': `routing-rule-${index}`,
            style: problemAt(problems, ['rules', index ?? -1]) ? { background: '#fff1f0' } : undefined,
            title: problemAt(problems, ['rules', index ?? -1]),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="routing-rules"
      />
      {rules.map((_rule, index) => (
        <FieldProblem
          // Row-level problems (a duplicate rule) have no single cell to sit under.
          key={`row-problem-${String(index)}`}
          message={
            problemAt(problems, ['rules', index]) && `#${index + 1}: ${problemAt(problems, ['rules', index])}`
          }
        />
      ))}
      <Button
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange({ ...value, rules: [...rules, { category: 'other', group: '' }] })}
        data-testid="routing-add-rule"
      >
        {t('service.settings.routing.addRule')}
      </Button>
    </Flex>
  );
}
