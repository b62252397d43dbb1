import { Button, Drawer, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type EditDrawerProps = {
  open: boolean;
  size: number;
  title: string;
  saving: boolean;
  /** Test id of the save button. */
  saveTestId: string;
  onSave: () => void;
  onClose: () => void;
  /** Called once the drawer has closed (clear the last save's error). */
  onClosed: () => void;
  children: ReactNode;
};

/** The catalogue's edit drawer: cancel and save at the top right, contents forgotten on close. */
export function EditDrawer(props: EditDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={props.open}
      size={props.size}
      title={props.title}
      onClose={props.onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) props.onClosed();
      }}
      extra={
        <Flex gap={8}>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.saving} onClick={props.onSave} data-testid={props.saveTestId}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {props.children}
    </Drawer>
  );
}
