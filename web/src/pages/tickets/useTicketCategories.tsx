import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { fetchTicketCategories, ticketKeys } from '../../api/tickets';
import type { LocalName, TicketCategoryNode } from '../../api/types-tickets';
import { currentLanguage } from '../../i18n';

export type CategoryTreeNode = {
  value: string;
  title: React.ReactNode;
  /** Plain text for the search box. */
  label: string;
  children?: CategoryTreeNode[];
};

/** The ticket category tree (names in both languages from the server), a code → name lookup and TreeSelect data. */
export function useTicketCategories() {
  const lang = currentLanguage();
  const query = useQuery({
    queryKey: ticketKeys.categories,
    queryFn: fetchTicketCategories,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const tree = query.data;
  const names = useMemo(() => {
    const map = new Map<string, LocalName>();
    for (const top of tree ?? []) {
      map.set(top.code, top.name);
      for (const child of top.children ?? []) map.set(child.code, child.name);
    }
    return map;
  }, [tree]);

  const nameOf = useCallback(
    (code: string | null | undefined): string => {
      if (!code) return '—';
      const name = names.get(code);
      if (!name) return code;
      const child = name[lang] ?? code;
      // A child reads better with its parent: "宽带故障 / 断网".
      const parentCode = code.includes('.') ? code.slice(0, code.indexOf('.')) : null;
      const parent = parentCode ? names.get(parentCode)?.[lang] : undefined;
      return parent ? `${parent} / ${child}` : child;
    },
    [names, lang],
  );

  const treeData = useMemo(() => (tree ?? []).map((top) => toNode(top, lang)), [tree, lang]);
  return { tree: tree ?? [], nameOf, treeData, isPending: query.isPending, error: query.error };
}

function toNode(node: TicketCategoryNode, lang: 'zh-CN' | 'en'): CategoryTreeNode {
  const label = node.name[lang] ?? node.code;
  return {
    value: node.code,
    label,
    title: <span data-testid={`category-option-${node.code}`}>{label}</span>,
    ...(node.children && node.children.length > 0
      ? {
          children: node.children.map((child) => toNode({ ...child, children: [] }, lang)),
        }
      : {}),
  };
}
