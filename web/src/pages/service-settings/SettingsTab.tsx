import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { fetchServiceSettings, saveServiceSettings, serviceKeys } from '../../api/service';
import type { ServiceSettingsKind, SettingsVersion } from '../../api/types-service';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/format';
import { type SettingsProblem, settingsProblems } from './settingsProblems';

export type EditorProps<T> = {
  value: T;
  onChange: (next: T) => void;
  /** The server's problems with the last save, by path inside the document. */
  problems: readonly SettingsProblem[];
  /** An editor that cannot produce a document (unparsable JSON) says why; saving waits until null. */
  onInvalid: (reason: string | null) => void;
};

type SettingsTabProps<T> = {
  kind: ServiceSettingsKind;
  /** Prefix of the test ids: `<id>-version`, `-note`, `-save`, `-problems`, `-conflict`, `-reload`. */
  testId: string;
  description: string;
  editor: (props: EditorProps<T>) => ReactNode;
  /** Shown next to the editor (the classifier's evaluation); invalidated queries refresh it. */
  aside?: ReactNode;
};

/** One settings document: loads the version in force, edits a draft, saves it whole with a note. */
export function SettingsTab<T>({ kind, testId, description, editor, aside }: SettingsTabProps<T>) {
  const current = useQuery({
    queryKey: serviceKeys.settings(kind),
    queryFn: () => fetchServiceSettings<T>(kind),
  });
  if (current.isError) return <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />;
  if (!current.data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  return (
    <SettingsForm
      // A new version (saved here or reloaded) starts a fresh draft from it.
      key={current.data.version}
      kind={kind}
      testId={testId}
      description={description}
      current={current.data}
      editor={editor}
      aside={aside}
      onReload={() => void current.refetch()}
    />
  );
}

type SettingsFormProps<T> = Omit<SettingsTabProps<T>, 'kind'> & {
  kind: ServiceSettingsKind;
  current: SettingsVersion<T>;
  onReload: () => void;
};

function SettingsForm<T>({
  kind,
  testId,
  description,
  current,
  editor,
  aside,
  onReload,
}: SettingsFormProps<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<T>(current.document);
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => saveServiceSettings(kind, draft, note.trim() || undefined),
    onSuccess: (saved) => {
      void message.success(t('service.settings.saved', { version: saved.version }));
      queryClient.setQueryData(serviceKeys.settings(kind), saved);
      void queryClient.invalidateQueries({ queryKey: ['service-settings', kind] });
    },
  });
  const problems = save.isError ? settingsProblems(save.error) : [];
  const conflict = save.isError && isApiError(save.error) && save.error.status === 409;
  const dirty = draft !== current.document;

  const form = (
    <Card data-testid={testId}>
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Typography.Text strong data-testid={`${testId}-version`} data-version={current.version}>
            {current.version === 0
              ? t('service.settings.defaults')
              : t('service.settings.version', {
                  version: current.version,
                  at: formatDateTime(current.createdAt),
                })}
          </Typography.Text>
          <Typography.Text type="secondary">{description}</Typography.Text>
        </Flex>
        {editor({ value: draft, onChange: setDraft, problems, onInvalid: setInvalid })}
        {invalid && <Alert type="warning" showIcon title={invalid} data-testid={`${testId}-invalid`} />}
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('service.settings.problemsTitle', { count: problems.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={`${testId}-problems`}>
                {problems.map((problem) => (
                  <li key={`${problem.path}:${problem.message}`} data-path={problem.path}>
                    <Typography.Text code>{problem.path}</Typography.Text> {problem.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {conflict && (
          <Alert
            type="warning"
            showIcon
            title={t('service.settings.conflict')}
            data-testid={`${testId}-conflict`}
            action={
              <Button size="small" onClick={onReload} data-testid={`${testId}-reload`}>
                {t('service.settings.reload')}
              </Button>
            }
          />
        )}
        {save.isError && problems.length === 0 && !conflict && <ErrorAlert error={save.error} />}
        <Flex gap={8} align="flex-start" wrap>
          <Input
            style={{ flex: 1, minWidth: 240 }}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t('service.settings.notePlaceholder')}
            maxLength={500}
            data-testid={`${testId}-note`}
          />
          <Button disabled={!dirty} onClick={() => setDraft(current.document)} data-testid={`${testId}-undo`}>
            {t('service.settings.undo')}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={invalid !== null}
            onClick={() => save.mutate()}
            data-testid={`${testId}-save`}
          >
            {t('service.settings.save')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
  if (!aside) return form;
  return (
    <Flex gap={16} wrap align="flex-start">
      <div style={{ flex: '3 1 560px', minWidth: 0 }}>{form}</div>
      <div style={{ flex: '2 1 360px', minWidth: 0 }}>{aside}</div>
    </Flex>
  );
}
