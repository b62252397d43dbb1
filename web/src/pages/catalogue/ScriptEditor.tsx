import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Flex, Input, Row, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { saveScript } from '../../api/supervision';
import { SCRIPT_LOCALES, type ScriptDetail, type ScriptDocument } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { LintFindings } from './LintFindings';
import { ScriptLanguageEditor } from './ScriptLanguageEditor';
import { isPhraseRefusal, refusedFindings, sectionErrors } from './scriptSaveErrors';
import { useScriptLint } from './useScriptLint';

type ScriptEditorProps = {
  script: ScriptDetail;
  variables: string[];
  triggers: string[];
  readOnly: boolean;
  onReload: () => void;
};

/**
 * A script's sections per language with the live forbidden-phrase check beside them. A save with a
 * forbidden phrase is refused by the server; the refusal and the phrases to change are shown.
 */
export function ScriptEditor({ script, variables, triggers, readOnly, onReload }: ScriptEditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ScriptDocument>(script.document);
  const [titleZh, setTitleZh] = useState(script.titleZh);
  const [titleEn, setTitleEn] = useState(script.titleEn);
  const lint = useScriptLint(readOnly ? null : draft);
  const save = useMutation({
    mutationFn: () =>
      saveScript(
        script.code,
        { content: draft, titleZh: titleZh.trim(), titleEn: titleEn.trim(), expectedVersion: script.version },
        currentLanguage(),
      ),
    onSuccess: (saved) => {
      void message.success(t('scripts.editor.saved', { version: saved.version }));
      void queryClient.invalidateQueries({ queryKey: ['catalogue', 'scripts'] });
    },
  });
  // An edit makes the last refusal stale; the live check takes over again.
  const touch = () => {
    if (save.isError) save.reset();
  };
  const errors = sectionErrors(save.error);
  const refused = save.isError && isPhraseRefusal(save.error);
  const findings = (refused ? refusedFindings(save.error) : null) ?? lint.data?.findings ?? [];
  const dirty =
    JSON.stringify(draft) !== JSON.stringify(script.document) ||
    titleZh !== script.titleZh ||
    titleEn !== script.titleEn;

  return (
    <div data-testid="script-editor" data-version={script.version}>
      <Row gutter={24}>
        <Col xs={24} lg={15}>
          <Row gutter={12}>
            <Col span={12}>
              <Typography.Text strong>{t('scripts.sections.titleZh')}</Typography.Text>
              <Input
                value={titleZh}
                readOnly={readOnly}
                maxLength={60}
                status={errors.titleZh ? 'error' : undefined}
                onChange={(event) => {
                  touch();
                  setTitleZh(event.target.value);
                }}
              />
            </Col>
            <Col span={12}>
              <Typography.Text strong>{t('scripts.sections.titleEn')}</Typography.Text>
              <Input
                value={titleEn}
                readOnly={readOnly}
                maxLength={80}
                status={errors.titleEn ? 'error' : undefined}
                onChange={(event) => {
                  touch();
                  setTitleEn(event.target.value);
                }}
              />
            </Col>
          </Row>
          <Tabs
            style={{ marginTop: 8 }}
            items={SCRIPT_LOCALES.map((locale) => {
              const count = findings.filter((f) => f.section?.startsWith(`${locale}.`)).length;
              return {
                key: locale,
                label: (
                  <span data-testid={`script-tab-${locale}`}>
                    {t(`scripts.languages.${locale}`)} {count > 0 && <Tag color="red">{count}</Tag>}
                  </span>
                ),
                children: (
                  <ScriptLanguageEditor
                    locale={locale}
                    value={draft[locale]}
                    findings={findings}
                    unknownVariables={lint.data?.unknownVariables ?? []}
                    triggers={triggers}
                    errors={errors}
                    readOnly={readOnly}
                    onChange={(language) => {
                      touch();
                      setDraft({ ...draft, [locale]: language });
                    }}
                  />
                ),
              };
            })}
          />
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16} style={{ position: 'sticky', top: 0 }}>
            {!readOnly && (
              <Flex gap={8} justify="flex-end">
                <Button
                  type="primary"
                  loading={save.isPending}
                  disabled={!dirty}
                  onClick={() => save.mutate()}
                  data-testid="script-save"
                >
                  {t('scripts.editor.save')}
                </Button>
              </Flex>
            )}
            {refused && (
              <div data-testid="script-save-refused">
                <Alert
                  type="error"
                  showIcon
                  title={t('scripts.editor.refused')}
                  description={save.error instanceof Error ? save.error.message : undefined}
                />
              </div>
            )}
            {save.isError && !refused && <ErrorAlert error={save.error} />}
            {isApiError(save.error, 'CONFLICT') && (
              <Button onClick={onReload}>{t('scripts.editor.reload')}</Button>
            )}
            {!readOnly && (
              <LintFindings
                findings={findings}
                unknownVariables={lint.data?.unknownVariables ?? []}
                document={draft}
                checking={lint.isFetching}
                pending={!lint.data}
              />
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('scripts.editor.variables')}
              </Typography.Text>
              <Flex wrap gap={4} style={{ marginTop: 4 }}>
                {variables.map((name) => (
                  <Tag key={name} title={t(`scripts.variables.${name}`, { defaultValue: name })}>
                    {`{${name}}`}
                  </Tag>
                ))}
              </Flex>
            </div>
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
