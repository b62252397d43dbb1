import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { LintFinding } from '../../api/types-supervision';

const MARK = { background: '#ffccc7', color: '#a8071a', padding: '0 2px', borderRadius: 2 } as const;

/**
 * The text with each forbidden phrase marked; hovering a mark shows the better form. Offsets are the
 * server's UTF-16 offsets into the text as written, so slicing the same string lines them up.
 */
export function HighlightedText({ text, findings }: { text: string; findings: readonly LintFinding[] }) {
  const ordered = [...findings].sort((a, b) => a.index - b.index);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const finding of ordered) {
    if (finding.index < at || finding.end > text.length) continue;
    if (finding.index > at) parts.push(text.slice(at, finding.index));
    parts.push(
      <Tooltip key={`${finding.index}-${finding.code}`} title={finding.suggestion}>
        <mark style={MARK} data-code={finding.code}>
          {text.slice(finding.index, finding.end)}
        </mark>
      </Tooltip>,
    );
    at = finding.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }}>{parts}</div>;
}
