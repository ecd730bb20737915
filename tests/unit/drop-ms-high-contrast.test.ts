import { describe, expect, it } from 'vitest';
import { dropMsHighContrast } from '../../scripts/drop-ms-high-contrast.ts';

describe('the Internet Explorer contrast queries go, the Windows contrast theme ones stay', () => {
  it('keeps forced-colors where a list also names -ms-high-contrast', () => {
    expect(
      dropMsHighContrast('@media screen and (forced-colors:active),(-ms-high-contrast:active){.a{color:ButtonText}}'),
    ).toBe('@media screen and (forced-colors:active){.a{color:ButtonText}}');
  });

  it('drops a block that was only for -ms-high-contrast, and leaves other media queries alone', () => {
    const css =
      '.a{color:red}@media print and (-ms-high-contrast:active){.b{color:red}}@media screen and (-ms-high-contrast:active),(-ms-high-contrast:none){.c{top:0}}@media (min-width:40em),print{.d{top:0}}';
    expect(dropMsHighContrast(css)).toBe('.a{color:red}@media (min-width:40em),print{.d{top:0}}');
  });
});
