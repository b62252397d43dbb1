import {
  AimOutlined,
  AuditOutlined,
  BarChartOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  GiftOutlined,
  LineChartOutlined,
  PhoneOutlined,
  PieChartOutlined,
  RocketOutlined,
  ScheduleOutlined,
  SlidersOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Permission } from '../api/types';
import { can } from '../auth/permissions';
import { useMe } from '../auth/useMe';

type NavEntry = {
  key: string;
  path: string;
  permission: Permission;
  label: string;
  icon: ReactNode;
  /** The label's i18n key when it is not `nav.<key>` (areas that keep their strings in their own file). */
  labelKey?: string;
};

const ENTRIES: Omit<NavEntry, 'label'>[] = [
  { key: 'workbench', path: '/workbench', permission: 'queue.work', icon: <PhoneOutlined /> },
  {
    key: 'tickets',
    path: '/tickets',
    permission: 'tickets.read',
    icon: <CustomerServiceOutlined />,
    labelKey: 'serviceNav.tickets',
  },
  { key: 'subscribers', path: '/subscribers', permission: 'subscribers.search', icon: <UserOutlined /> },
  { key: 'campaigns', path: '/campaigns', permission: 'campaigns.read', icon: <RocketOutlined /> },
  { key: 'plan', path: '/plan', permission: 'plans.read', icon: <ScheduleOutlined /> },
  { key: 'catalogue', path: '/catalogue', permission: 'catalogue.read', icon: <GiftOutlined /> },
  { key: 'decisions', path: '/decisions', permission: 'decisions.manage', icon: <SlidersOutlined /> },
  {
    key: 'service',
    path: '/service',
    permission: 'service.report',
    icon: <BarChartOutlined />,
    labelKey: 'serviceNav.service',
  },
  {
    key: 'service-settings',
    path: '/service-settings',
    permission: 'service.manage',
    icon: <ControlOutlined />,
    labelKey: 'serviceNav.serviceSettings',
  },
  { key: 'dashboards', path: '/dashboards', permission: 'analytics.read', icon: <DashboardOutlined /> },
  { key: 'consumption', path: '/consumption', permission: 'analytics.read', icon: <PieChartOutlined /> },
  { key: 'forecasts', path: '/forecasts', permission: 'analytics.read', icon: <LineChartOutlined /> },
  { key: 'targets', path: '/targets', permission: 'plans.read', icon: <AimOutlined /> },
  { key: 'daily-summary', path: '/daily-summary', permission: 'plans.read', icon: <FileTextOutlined /> },
  { key: 'audit', path: '/audit', permission: 'audit.read', icon: <AuditOutlined /> },
  { key: 'users', path: '/users', permission: 'users.manage', icon: <TeamOutlined /> },
  { key: 'scoring', path: '/scoring', permission: 'scoring.manage', icon: <ExperimentOutlined /> },
];

/** Brand mark and the menu entries the user's permissions allow. */
export function SideNav({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { pathname } = useLocation();
  const entries = ENTRIES.filter((entry) => can(me, entry.permission));
  // '/service' must not select for '/service-settings': match whole path segments.
  const selected = entries.find(
    (entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`),
  )?.key;

  return (
    <>
      <div
        style={{
          height: 64,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          color: '#fff',
          fontWeight: 600,
          fontSize: collapsed ? 16 : 18,
          letterSpacing: 0.5,
          whiteSpace: 'nowrap',
        }}
      >
        {collapsed ? 'VIP' : t('app.short')}
      </div>
      <Menu
        theme="dark"
        mode="inline"
        style={{ background: 'transparent' }}
        selectedKeys={selected ? [selected] : []}
        items={entries.map((entry) => ({
          key: entry.key,
          icon: entry.icon,
          label: (
            <Link to={entry.path} data-testid={`nav-${entry.key}`}>
              {t(entry.labelKey ?? `nav.${entry.key}`)}
            </Link>
          ),
        }))}
      />
    </>
  );
}
