import { Card, Col, Form, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { SAVING_ACTIONS } from '../../api/types-supervision';
import { FactorInput } from './FactorInput';
import { kindOptions, ruleOptions } from './leverOptions';
import { RecordEditor } from './RecordEditor';

/** Which actions may be chosen, how offers weigh on a retention call, and care's key-moment boost. */
export function ActionsSection() {
  const { t } = useTranslation();
  return (
    <Card title={t('decisions.sections.actions')} size="small">
      <Row gutter={16}>
        {SAVING_ACTIONS.map((action) => (
          <Col key={action} xs={12} md={6}>
            <Form.Item
              name={['actions', action, 'enabled']}
              label={t(`plan.actions.${action}`)}
              valuePropName="checked"
            >
              <Switch data-testid={`lever-action-${action}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item
        name={['retention', 'offerRuleFactors']}
        label={t('decisions.retention.ruleFactors')}
        extra={t('decisions.retention.ruleFactorsHelp')}
      >
        <RecordEditor keys={ruleOptions(t)} valueKind="factor" />
      </Form.Item>
      <Form.Item
        name={['retention', 'excludedOfferKinds']}
        label={t('decisions.retention.excludedKinds')}
        extra={t('decisions.retention.excludedKindsHelp')}
      >
        <Select mode="multiple" allowClear options={kindOptions(t)} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['care', 'keyMomentFactor']}
            label={t('decisions.care.factor')}
            extra={t('decisions.care.factorHelp')}
          >
            <FactorInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['care', 'keyMomentWindowDays']}
            label={t('decisions.care.window')}
            extra={t('decisions.care.windowHelp')}
          >
            <InputNumber
              style={{ width: '100%' }}
              min={0}
              max={60}
              precision={0}
              suffix={t('decisions.days')}
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
