// Strings of the phone manager's workbench (queue, call panel, dispositions, care SMS).
export const workbenchZhCN = {
  workbench: { title: '工作台' },
};

export const workbenchEn: typeof workbenchZhCN = {
  workbench: { title: 'Workbench' },
};
