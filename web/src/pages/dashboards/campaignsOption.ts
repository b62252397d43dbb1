import type { ChartOption } from '../../charts/echarts';
import { toPercent } from './chartFormat';

export type CampaignBars = {
  name: string;
  members: number;
  contacted: number;
  reached: number;
  accepted: number;
  treatmentChurn: number | null;
  holdoutChurn: number | null;
};

export type CampaignLabels = {
  members: string;
  contacted: string;
  reached: string;
  accepted: string;
  treatmentChurn: string;
  holdoutChurn: string;
};

const STAGE_COLORS = ['#bae0ff', '#69b1ff', '#1677ff', '#003eb3'];

/**
 * Per campaign, the treated arm's funnel (members → contacted → reached → accepted) as grouped columns
 * on top, and churn of the treated arm against its holdout below: the gap is what the campaign saved.
 */
export function campaignsOption(campaigns: readonly CampaignBars[], labels: CampaignLabels): ChartOption {
  const names = campaigns.map((c) => c.name);
  const stages = [
    { label: labels.members, pick: (c: CampaignBars) => c.members },
    { label: labels.contacted, pick: (c: CampaignBars) => c.contacted },
    { label: labels.reached, pick: (c: CampaignBars) => c.reached },
    { label: labels.accepted, pick: (c: CampaignBars) => c.accepted },
  ];
  const axisLabel = { interval: 0, width: 120, overflow: 'truncate' };
  return {
    legend: [
      { top: 0, data: stages.map((s) => s.label) },
      { top: '54%', data: [labels.treatmentChurn, labels.holdoutChurn] },
    ],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: [
      { left: 8, right: 16, top: 32, height: '36%', containLabel: true },
      { left: 8, right: 16, top: '62%', bottom: 8, containLabel: true },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: names, axisLabel },
      { type: 'category', gridIndex: 1, data: names, axisLabel },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0 },
      { type: 'value', gridIndex: 1, min: 0, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      ...stages.map((stage, index) => ({
        name: stage.label,
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barMaxWidth: 28,
        itemStyle: { color: STAGE_COLORS[index] },
        data: campaigns.map(stage.pick),
      })),
      {
        name: labels.treatmentChurn,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 28,
        itemStyle: { color: '#1f5fbf' },
        data: campaigns.map((c) => toPercent(c.treatmentChurn)),
      },
      {
        name: labels.holdoutChurn,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 28,
        itemStyle: { color: '#8c8c8c' },
        data: campaigns.map((c) => toPercent(c.holdoutChurn)),
      },
    ],
  };
}
