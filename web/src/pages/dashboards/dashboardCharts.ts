import { FunnelChart, SankeyChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { echarts } from '../../charts/echarts';

// The dashboards draw tier flows (Sankey), campaign funnels and the SLA target as a mark line, which
// the shared set lacks. Registering is global and idempotent, so it is done once, here.
echarts.use([SankeyChart, FunnelChart, MarkLineComponent]);

export { EChart } from '../../charts/EChart';
