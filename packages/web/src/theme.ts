import {
  Alert,
  Checkbox,
  createTheme,
  FileInput,
  Radio,
  Textarea,
  NativeSelect,
  PasswordInput,
  TextInput,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

// A calm navy, dark enough at the primary shade for white text to pass WCAG AA (≥ 4.5:1).
const navy: MantineColorsTuple = [
  '#eef3fb',
  '#d9e3f3',
  '#b0c4e6',
  '#84a3d9',
  '#5f87cd',
  '#4775c6',
  '#3a6bc4',
  '#2c5aad',
  '#234f9b',
  '#0b1f3a',
];

/** The app's Mantine theme: system fonts only (the CSP forbids external fonts), high contrast. */
export const theme = createTheme({
  colors: { navy },
  primaryColor: 'navy',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '700' },
  components: {
    // Fields carry the native `required` attribute, which assistive technology announces; the
    // visual asterisk is left out so that a field's name is exactly its label text.
    TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { withAsterisk: false } }),
    NativeSelect: NativeSelect.extend({ defaultProps: { withAsterisk: false } }),
    Textarea: Textarea.extend({ defaultProps: { withAsterisk: false } }),
    FileInput: FileInput.extend({ defaultProps: { withAsterisk: false } }),
    RadioGroup: Radio.Group.extend({ defaultProps: { withAsterisk: false } }),
    CheckboxGroup: Checkbox.Group.extend({ defaultProps: { withAsterisk: false } }),
    // Alert titles and text stay near-black for contrast; the tint and icon carry the colour.
    Alert: Alert.extend({
      styles: {
        title: { color: 'var(--mantine-color-black)' },
        message: { color: 'var(--mantine-color-black)' },
      },
    }),
  },
});

// Mantine's default "dimmed" grey is about 3.3:1 on white; darken it to pass AA.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#5c636a',
    // Mantine's error red (#fa5252) is 3.3:1 on white; field errors must be readable (red.9, 5.9:1).
    '--mantine-color-error': '#c92a2a',
  },
  dark: {},
});

/** The header's background. */
export const HEADER_BG = '#0b1f3a';
