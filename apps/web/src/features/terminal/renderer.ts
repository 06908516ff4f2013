/**
 * Whether a terminal should use the WebGL renderer. Not when the page asks for
 * the DOM one (`?renderer=dom`; `?renderer=webgl` forces WebGL), and not on a software rasteriser (SwiftShader,
 * llvmpipe: headless browsers, machines without a GPU), where WebGL draws on
 * the main thread and is slower than the DOM renderer. Asked once per page.
 */
let cached: boolean | null = null;

function hardwareWebgl(): boolean {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (!gl) return false;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return !/swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

export function wantsWebgl(): boolean {
  const asked = new URLSearchParams(window.location.search).get('renderer');
  if (asked === 'dom') return false;
  if (asked === 'webgl') return true;
  cached ??= hardwareWebgl();
  return cached;
}
