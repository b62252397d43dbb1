import { CalendarOutlined } from '@ant-design/icons';
import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { KeyMoment } from '../../api/types-360';
import { formatDate } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

/** Upcoming key moments (MOT): what, when, and the suggested action text. */
export function KeyMomentsCard({ moments }: { moments: KeyMoment[] | null }) {
  const { t } = useTranslation();
  const sorted = [...(moments ?? [])].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <Card title={t('s360.moments.title')} style={{ height: '100%' }}>
      <div data-testid="key-moments">
        {sorted.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('s360.moments.none')} />
        ) : (
          <Timeline
            items={sorted.map((moment) => {
              const soon = dayjs(moment.dueDate).diff(dayjs(), 'day') <= 7;
              return {
                key: `${moment.code}-${moment.dueDate}`,
                color: soon ? 'red' : 'blue',
                icon: <CalendarOutlined />,
                content: (
                  <div data-testid={`key-moment-${moment.code}`}>
                    <Tag color={soon ? 'red' : 'blue'}>{codeLabel(t, 'keyMoment', moment.code)}</Tag>
                    <Typography.Text type="secondary">
                      {t('s360.moments.due')}: {formatDate(moment.dueDate)}
                    </Typography.Text>
                    <div style={{ marginTop: 4 }}>{moment.text}</div>
                  </div>
                ),
              };
            })}
          />
        )}
      </div>
    </Card>
  );
}
