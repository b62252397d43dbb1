import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { KeywordRule } from '../../api/types-service';
import { FieldProblem } from './FieldProblem';
import { problemAt, type SettingsProblem } from './settingsProblems';

type KeywordTableProps = {
  keywords: readonly KeywordRule[];
  onChange: (next: KeywordRule[]) => void;
  problems: readonly SettingsProblem[];
  /** Where these keywords sit in the document (`keywords.complaint`), to find their problems. */
  path: readonly (string | number)[];
  testId: string;
};

/** Phrases with additive weights (0–10]; the type whose phrases in a note weigh most wins. */
export function KeywordTable({ keywords, onChange, problems, path, testId }: KeywordTableProps) {
  const { t } = useTranslation();
  const set = (index: number, keyword: KeywordRule) =>
    onChange(keywords.map((k, i) => (i === index ? keyword : k)));
  const columns: ColumnsType<KeywordRule> = [
    {
      key: 'phrase',
      title: t('service.settings.classifier.phrase'),
      render: (_, keyword, index) => {
        const message = problemAt(problems, [...path, index, 'phrase']);
        return (
          <>
            <Input
              value={keyword.phrase}
              status={message ? 'error' : undefined}
              onChange={(event) => set(index, { ...keyword, phrase: event.target.value })}
              data-testid={`${testId}-${index}-phrase`}
            />
            <FieldProblem message={message} testId={`${testId}-${index}-phrase-problem`} />
          </>
        );
      },
    },
    {
      key: 'weight',
      title: t('service.settings.classifier.weight'),
      width: 140,
      render: (_, keyword, index) => {
        const message = problemAt(problems, [...path, index, 'weight']);
        return (
          <>
            <InputNumber
              value={keyword.weight}
              min={0.1}
              max={10}
              step={0.5}
              status={message ? 'error' : undefined}
              onChange={(weight) => {
                if (typeof weight === 'number') set(index, { ...keyword, weight });
              }}
              data-testid={`${testId}-${index}-weight`}
            />
            <FieldProblem message={message} />
          </>
        );
      },
    },
    {
      key: 'remove',
      width: 56,
      render: (_, _keyword, index) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('service.settings.remove')}
          onClick={() => onChange(keywords.filter((_k, i) => i !== index))}
          data-testid={`${testId}-${index}-remove`}
        />
      ),
    },
  ];
  return (
    <Flex vertical gap={8}>
      <Table
        size="small"
        rowKey={(_k, index) => String(index)}
        columns={columns}
        dataSource={[...keywords]}
        // No pages: a cell's index must be its index in the whole list.
        pagination={false}
        scroll={{ y: 360 }}
        data-testid={testId}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange([...keywords, { phrase: '', weight: 1 }])}
        data-testid={`${testId}-add`}
      >
        {t('service.settings.classifier.addKeyword')}
      </Button>
    </Flex>
  );
}
