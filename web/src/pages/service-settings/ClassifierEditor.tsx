import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Input, InputNumber, Segmented, Select, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ClassifierRules,
  CONTACT_TYPES,
  type ContactType,
  type NegationCue,
} from '../../api/types-service';
import { FieldProblem } from './FieldProblem';
import { KeywordTable } from './KeywordTable';
import type { EditorProps } from './SettingsTab';
import { setIn } from './setIn';
import { hasProblemUnder, problemAt } from './settingsProblems';

type Mode = 'structured' | 'json';

/**
 * The contact classifier's rules: keywords with weights per contact type and the negation cues in a
 * structured editor; everything (priority, fallback, psychology keywords) in the JSON view.
 */
export function ClassifierEditor(props: EditorProps<ClassifierRules>) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('structured');
  const [text, setText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const { value, onChange, onInvalid } = props;

  const switchMode = (next: Mode) => {
    if (next === 'json') setText(JSON.stringify(value, null, 2));
    setMode(next);
  };
  const editText = (next: string) => {
    setText(next);
    try {
      const parsed: unknown = JSON.parse(next);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(t('service.settings.classifier.jsonNotObject'));
      }
      onChange(parsed as ClassifierRules);
      setJsonError(null);
      onInvalid(null);
    } catch (error) {
      const reason = t('service.settings.classifier.jsonInvalid', {
        message: error instanceof Error ? error.message : String(error),
      });
      setJsonError(reason);
      onInvalid(reason);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Segmented
        value={mode}
        onChange={(next) => switchMode(next === 'json' ? 'json' : 'structured')}
        options={[
          // Back to the form only with parsable JSON: the form edits the parsed document.
          {
            value: 'structured',
            label: t('service.settings.classifier.structured'),
            disabled: jsonError !== null,
          },
          { value: 'json', label: t('service.settings.classifier.json') },
        ]}
        style={{ alignSelf: 'flex-start' }}
        data-testid="classifier-mode"
      />
      {mode === 'json' ? (
        <Flex vertical gap={4}>
          <Input.TextArea
            value={text}
            onChange={(event) => editText(event.target.value)}
            autoSize={{ minRows: 16, maxRows: 32 }}
            spellCheck={false}
            status={jsonError ? 'error' : undefined}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            data-testid="classifier-json"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('service.settings.classifier.jsonHelp')}
          </Typography.Text>
        </Flex>
      ) : (
        <StructuredClassifierEditor {...props} />
      )}
    </Flex>
  );
}

function StructuredClassifierEditor({ value, onChange, problems }: EditorProps<ClassifierRules>) {
  const { t } = useTranslation();
  const typeLabel = (type: ContactType) => t(`codes.contactType.${type}`, { defaultValue: type });
  const cues = value.negation?.cues ?? [];
  const setCue = (index: number, cue: NegationCue) =>
    onChange(
      setIn(
        value,
        ['negation', 'cues'],
        cues.map((c, i) => (i === index ? cue : c)),
      ),
    );
  const cueColumns: ColumnsType<NegationCue> = [
    {
      key: 'phrase',
      title: t('service.settings.classifier.cue'),
      render: (_, cue, index) => {
        const message = problemAt(problems, ['negation', 'cues', index, 'phrase']);
        return (
          <>
            <Input
              value={cue.phrase}
              status={message ? 'error' : undefined}
              onChange={(event) => setCue(index, { ...cue, phrase: event.target.value })}
              data-testid={`classifier-cue-${index}-phrase`}
            />
            <FieldProblem message={message} />
          </>
        );
      },
    },
    {
      key: 'maxGap',
      title: t('service.settings.classifier.maxGap'),
      width: 160,
      render: (_, cue, index) => {
        const message = problemAt(problems, ['negation', 'cues', index, 'maxGap']);
        return (
          <>
            <InputNumber
              value={cue.maxGap}
              min={0}
              max={30}
              precision={0}
              status={message ? 'error' : undefined}
              onChange={(maxGap) => {
                if (typeof maxGap === 'number') setCue(index, { ...cue, maxGap });
              }}
              data-testid={`classifier-cue-${index}-gap`}
            />
            <FieldProblem message={message} />
          </>
        );
      },
    },
    {
      key: 'remove',
      width: 56,
      render: (_, _cue, index) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('service.settings.remove')}
          onClick={() =>
            onChange(
              setIn(
                value,
                ['negation', 'cues'],
                cues.filter((_c, i) => i !== index),
              ),
            )
          }
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('service.settings.classifier.keywordsHelp')}</Typography.Text>
      <Tabs
        size="small"
        items={CONTACT_TYPES.map((type) => ({
          key: type,
          label: (
            <Badge dot={hasProblemUnder(problems, ['keywords', type])} offset={[6, 0]}>
              <span data-testid={`classifier-type-${type}`}>
                {typeLabel(type)} ({value.keywords?.[type]?.length ?? 0})
              </span>
            </Badge>
          ),
          children: (
            <KeywordTable
              keywords={value.keywords?.[type] ?? []}
              onChange={(next) => onChange(setIn(value, ['keywords', type], next))}
              problems={problems}
              path={['keywords', type]}
              testId={`classifier-keywords-${type}`}
            />
          ),
        }))}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('service.settings.classifier.negation')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('service.settings.classifier.negationHelp')}</Typography.Text>
      <Table
        size="small"
        rowKey={(_c, index) => String(index)}
        columns={cueColumns}
        dataSource={[...cues]}
        pagination={false}
        data-testid="classifier-cues"
      />
      <Button
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange(setIn(value, ['negation', 'cues'], [...cues, { phrase: '', maxGap: 3 }]))}
        data-testid="classifier-add-cue"
      >
        {t('service.settings.classifier.addCue')}
      </Button>
      <Flex vertical gap={4}>
        <Typography.Text>{t('service.settings.classifier.appliesTo')}</Typography.Text>
        <Select
          mode="multiple"
          value={value.negation?.appliesTo ?? []}
          options={CONTACT_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
          onChange={(appliesTo: ContactType[]) =>
            onChange(setIn(value, ['negation', 'appliesTo'], appliesTo))
          }
          data-testid="classifier-applies-to"
        />
        <FieldProblem message={problemAt(problems, ['negation', 'appliesTo'])} />
      </Flex>
      <Flex gap={24} wrap>
        <Flex vertical gap={4}>
          <Typography.Text>{t('service.settings.classifier.fallback')}</Typography.Text>
          <Select
            style={{ width: 160 }}
            value={value.fallback?.type}
            options={CONTACT_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
            onChange={(type: ContactType) => onChange(setIn(value, ['fallback', 'type'], type))}
            data-testid="classifier-fallback"
          />
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text>{t('service.settings.classifier.confidentScore')}</Typography.Text>
          <InputNumber
            value={value.confidentScore}
            min={0.1}
            step={0.5}
            status={problemAt(problems, ['confidentScore']) ? 'error' : undefined}
            onChange={(next) => {
              if (typeof next === 'number') onChange({ ...value, confidentScore: next });
            }}
            data-testid="classifier-confident-score"
          />
          <FieldProblem message={problemAt(problems, ['confidentScore'])} />
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('service.settings.classifier.moreInJson')}
      </Typography.Text>
    </Flex>
  );
}
