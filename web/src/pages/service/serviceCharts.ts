import { HeatmapChart } from 'echarts/charts';
import { MarkLineComponent, VisualMapComponent } from 'echarts/components';
import { echarts } from '../../charts/echarts';

// The service pages draw two things the shared set lacks: a heat map (with its colour scale) and the
// 98% target as a mark line. Registering is global and idempotent, so it is done once here.
echarts.use([HeatmapChart, VisualMapComponent, MarkLineComponent]);

export { EChart } from '../../charts/EChart';
