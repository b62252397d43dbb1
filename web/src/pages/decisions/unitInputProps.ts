export type UnitInputProps = {
  value?: number | null;
  onChange?: (value: number | null) => void;
  max?: number;
  testId?: string;
};
