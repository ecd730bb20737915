/** NHS.UK form components in React: rendered to static HTML by Astro, by the functions for no-JavaScript responses, and hydrated for live validation. */
export { Button } from './Button.tsx';
export { Checkboxes } from './Checkboxes.tsx';
export { DateInput } from './DateInput.tsx';
export { EmailInput } from './EmailInput.tsx';
export { ErrorSummary } from './ErrorSummary.tsx';
export { FileUpload } from './FileUpload.tsx';
export { ErrorMessage, FormGroup, Hint } from './FormGroup.tsx';
export { Honeypot } from './Honeypot.tsx';
export { LanguageField } from './LanguageField.tsx';
export { PostedForm, type PostedFormState } from './PostedForm.tsx';
export { type RadioOption, Radios } from './Radios.tsx';
export { SingleCheckbox } from './SingleCheckbox.tsx';
export { SummaryList } from './SummaryList.tsx';
export { Textarea } from './Textarea.tsx';
export { TextInput } from './TextInput.tsx';
