// Strings of the forecasting page (/forecasts). One top-level key, `forecasts`, merged by i18n/index.ts.
export const forecastsZhCN = {
  forecasts: {
    title: '业务预测',
    subtitle: '算术平均外推、时间序列回归及两者平均（种子001），月度序列另有季节模型；回测告诉你该信哪一个',
    metric: { revenue: '收入', minutes: '通话时长', vip_count: 'VIP客户数', churners: '离网客户数' },
    granularity: { year: '年度', quarter: '季度', month: '滚动月度' },
    horizon: '预测期数',
    method: {
      'avg-growth': '算术平均外推',
      linear: '时间序列回归',
      combined: '两法平均',
      seasonal: '季节模型(SARIMA)',
    },
    history: '历史',
    chartTitle: '历史与各方法预测',
    period: '期间',
    value: '数值',
    unit: { fen: '元', minutes: '分钟', subscribers: '人' },
    partial: '不完整的期间未计入：{{periods}}',
    empty: '暂无历史数据（需先导入月账单）',
    backtest: {
      title: '回测（留出最后几期检验）',
      method: '方法',
      mape: 'MAPE（平均绝对百分比误差）',
      mae: 'MAE（平均绝对误差）',
      holdout: '留出期数',
      notApplicable: '不适用',
      trust: '可信度最高',
      best: '建议采用：{{method}}',
      noBest: '历史太短，无法回测',
    },
    params: {
      title: '拟合参数',
      linear: '时间序列函数 N = a + bT',
      r2: '决定系数 R²',
      growth: '最近3期平均增长率',
      none: '数据不足，无法拟合',
    },
    custom: {
      title: '用自己的数字试一试',
      placeholder:
        '按时间先后粘贴数值，用逗号、空格或换行分隔，例如 3500, 4550, 5640, 6770, 7990, 9190, 10380',
      submit: '预测',
      invalid: '第 {{index}} 项“{{item}}”不是数字',
      forecast: '预测值',
    },
  },
};

export const forecastsEn: typeof forecastsZhCN = {
  forecasts: {
    title: 'Forecasts',
    subtitle:
      'Average-growth extrapolation, time-series regression and their mean (seed 001), plus a seasonal model for monthly series; the back-test shows which to trust',
    metric: { revenue: 'Revenue', minutes: 'Minutes', vip_count: 'VIP subscribers', churners: 'Churners' },
    granularity: { year: 'Annual', quarter: 'Quarterly', month: 'Rolling monthly' },
    horizon: 'Periods ahead',
    method: {
      'avg-growth': 'Average growth',
      linear: 'Linear trend',
      combined: 'Mean of both',
      seasonal: 'Seasonal (SARIMA)',
    },
    history: 'History',
    chartTitle: 'History and each method’s forecast',
    period: 'Period',
    value: 'Value',
    unit: { fen: 'yuan', minutes: 'minutes', subscribers: 'subscribers' },
    partial: 'Incomplete periods left out: {{periods}}',
    empty: 'No history yet (import monthly bills first)',
    backtest: {
      title: 'Back-test (the last periods held out)',
      method: 'Method',
      mape: 'MAPE (mean absolute % error)',
      mae: 'MAE (mean absolute error)',
      holdout: 'Held out',
      notApplicable: 'Not applicable',
      trust: 'Trust this one',
      best: 'Use: {{method}}',
      noBest: 'History too short to back-test',
    },
    params: {
      title: 'Fitted parameters',
      linear: 'Trend N = a + bT',
      r2: 'Coefficient of determination R²',
      growth: 'Mean growth of the last 3 periods',
      none: 'Too little data to fit',
    },
    custom: {
      title: 'Try your own numbers',
      placeholder:
        'Paste values oldest first, separated by commas, spaces or new lines, e.g. 3500, 4550, 5640, 6770, 7990, 9190, 10380',
      submit: 'Forecast',
      invalid: 'Item {{index}} (“{{item}}”) is not a number',
      forecast: 'Forecast',
    },
  },
};
