import { useQuery } from '@tanstack/react-query';
import { Drawer, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchScript, svKeys } from '../../api/supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { ScriptEditor } from './ScriptEditor';

type ScriptEditorDrawerProps = {
  code: string | null;
  variables: string[];
  triggers: string[];
  readOnly: boolean;
  onClose: () => void;
};

/** Loads a script and opens it in the editor (a fresh editor per version). */
export function ScriptEditorDrawer({
  code,
  variables,
  triggers,
  readOnly,
  onClose,
}: ScriptEditorDrawerProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const script = useQuery({
    queryKey: svKeys.script(code ?? '', lang),
    queryFn: () => fetchScript(code ?? '', lang),
    enabled: code !== null,
  });
  const data = script.data;
  return (
    <Drawer
      open={code !== null}
      size={1180}
      title={
        data ? t('scripts.editor.title', { title: data.title, code: data.code, version: data.version }) : code
      }
      onClose={onClose}
      destroyOnHidden
    >
      {script.isError && <ErrorAlert error={script.error} onRetry={() => void script.refetch()} />}
      {!data && !script.isError && <Skeleton active paragraph={{ rows: 12 }} />}
      {data && (
        <ScriptEditor
          key={`${data.code}:${data.version}`}
          script={data}
          variables={variables}
          triggers={triggers}
          readOnly={readOnly}
          onReload={() => void script.refetch()}
        />
      )}
    </Drawer>
  );
}
