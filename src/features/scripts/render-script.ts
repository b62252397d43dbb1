import type { AdaptedScript } from './adapt-script';
import type { ScriptVariable } from './script-content';

export type ScriptVariables = Partial<Record<ScriptVariable, string | number | null>>;

export type RenderedScript = AdaptedScript & {
  /** Placeholders with no value, left visible as `{name}` so the agent notices rather than reads a gap. */
  missingVariables: string[];
};

/** Fills `{name}` placeholders; an absent or empty value leaves the placeholder and is reported. */
export function renderText(text: string, variables: ScriptVariables): { text: string; missing: string[] } {
  const missing: string[] = [];
  const filled = text.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const value = (variables as Record<string, string | number | null | undefined>)[name];
    if (value === undefined || value === null || String(value).trim() === '') {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return String(value);
  });
  return { text: filled, missing };
}

/** Fills every step and objection response of an (adapted) script. */
export function renderScript(script: AdaptedScript, variables: ScriptVariables): RenderedScript {
  const missing = new Set<string>();
  const fill = (text: string) => {
    const rendered = renderText(text, variables);
    for (const name of rendered.missing) missing.add(name);
    return rendered.text;
  };
  return {
    steps: script.steps.map((step) => ({ ...step, text: fill(step.text) })),
    objections: script.objections.map((objection) => ({ ...objection, response: fill(objection.response) })),
    hints: script.hints,
    missingVariables: [...missing],
  };
}
