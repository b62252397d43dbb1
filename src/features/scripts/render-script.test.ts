import { describe, expect, it } from 'vitest';
import { adaptScript } from './adapt-script';
import { renderScript, renderText } from './render-script';
import { SCRIPT_VARIABLES } from './script-content';
import { SEED_SCRIPTS } from './scripts-seed';

describe('renderText', () => {
  it('fills known placeholders', () => {
    expect(
      renderText('{subscriberName}您好，每月省{savingYuan}元', { subscriberName: '王先生', savingYuan: 40 }),
    ).toEqual({
      text: '王先生您好，每月省40元',
      missing: [],
    });
  });

  it('leaves a placeholder with no value visible and reports it once', () => {
    expect(
      renderText('{subscriberName}您好，{offerName}……{offerName}', {
        subscriberName: '王先生',
        offerName: '  ',
      }),
    ).toEqual({ text: '王先生您好，{offerName}……{offerName}', missing: ['offerName'] });
  });
});

describe('renderScript', () => {
  it('fills every step and objection of every seeded script when all variables are given', () => {
    const all = Object.fromEntries(SCRIPT_VARIABLES.map((name) => [name, `<${name}>`]));
    for (const script of SEED_SCRIPTS) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const rendered = renderScript(adaptScript(script.content[locale], {}, { locale }), all);
        expect(rendered.missingVariables, script.code).toEqual([]);
        const texts = [...rendered.steps.map((s) => s.text), ...rendered.objections.map((o) => o.response)];
        for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('reports the variables the call panel did not supply', () => {
    const script = SEED_SCRIPTS.find((s) => s.code === 'care_revisit');
    if (!script) throw new Error('seed script missing');
    const rendered = renderScript(adaptScript(script.content['zh-CN'], {}, { locale: 'zh-CN' }), {
      subscriberName: '李女士',
      agentName: '小张',
      operatorName: '中国移动',
    });
    expect(rendered.steps[0]?.text).toBe(
      '李女士您好！我是中国移动的客户经理小张。您前几天办理了{businessName}，今天想回访一下您的使用情况，耽误您一分钟可以吗？',
    );
    expect(rendered.missingVariables.sort()).toEqual(['businessName', 'serviceNumber']);
  });
});
