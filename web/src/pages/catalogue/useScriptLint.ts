import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lintScriptDraft } from '../../api/supervision';
import type { ScriptDocument } from '../../api/types-supervision';
import { useDebouncedValue } from '../../components/useDebouncedValue';

/** The live forbidden-phrase check of a script draft, asked again once typing pauses. */
export function useScriptLint(draft: ScriptDocument | null) {
  const settled = useDebouncedValue(draft === null ? null : JSON.stringify(draft), 500);
  return useQuery({
    queryKey: ['catalogue', 'script-lint', settled],
    queryFn: () => {
      const content: ScriptDocument = JSON.parse(settled ?? '{}');
      return lintScriptDraft(content);
    },
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
