// Strings of the lead's and analyst's pages (campaigns, today's plan, KPIs, catalogue, decisions).
export const supervisionZhCN = {
  campaigns: { title: '营销活动' },
};

export const supervisionEn: typeof supervisionZhCN = {
  campaigns: { title: 'Campaigns' },
};
