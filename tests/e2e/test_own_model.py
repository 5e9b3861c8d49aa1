"""Bring your own model in a real browser (issue 13): a PyTorch checkpoint chosen in the sidebar's file
uploader becomes the model of the Gates and states page, whose heatmaps then hold its numbers."""

import pytest
import torch
from torch import nn

from lstm_viz import tasks
from lstm_viz.ui import engine_cache
from tests.e2e.browser_checks import assert_healthy, wait_for_charts, wait_until_idle

pytestmark = pytest.mark.e2e

# A heatmap's z as nested lists: plotly's binary form {dtype, bdata, shape} (what the app sends; the chart's
# `data` keeps it as sent) or an array of rows.
HEATMAP_Z_JS = """(z) => {
    if (!z.bdata) return Array.from(z, row => Array.from(row));
    const bytes = Uint8Array.from(atob(z.bdata), c => c.charCodeAt(0));
    const typed = z.dtype === 'f8' ? Float64Array : Float32Array;
    const flat = Array.from(new typed(bytes.buffer));
    const [rows, columns] = String(z.shape).split(',').map(Number);
    return Array.from({length: rows}, (_, row) => flat.slice(row * columns, (row + 1) * columns));
}"""


def test_an_uploaded_checkpoint_is_the_model_of_the_gates_page(page, app_url, tmp_path):
    torch.manual_seed(0)
    lstm, head = nn.LSTM(2, 8, batch_first=True), nn.Linear(8, 1)
    state = {f"rnn.{k}": v for k, v in lstm.state_dict().items()}
    state.update({f"fc.{k}": v for k, v in head.state_dict().items()})
    path = tmp_path / "browser-lstm.pt"
    torch.save(state, path)

    page.goto(f"{app_url}/gates?source=own&length=20")
    wait_until_idle(page)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(path))
    page.get_by_text("your model browser-lstm").wait_for(timeout=90_000)
    wait_until_idle(page)
    wait_for_charts(page, 2)
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert "browser-lstm.pt: LSTM, 2 input(s) per step, 1 output(s) at the last step." in sidebar
    assert "8 units" in sidebar

    batch = tasks.get("adding", length=20).sample(engine_cache.batch_size("lstm", 20, 8, 1, False), 0)
    with torch.no_grad():
        hidden, _ = lstm(batch.x)  # (B, T, 8)
    shown = page.evaluate(
        f"""() => {{
            const plot = Array.from(document.querySelectorAll('.js-plotly-plot')).find(
                el => JSON.stringify(el.layout.title || '').includes('hidden state'));
            return ({HEATMAP_Z_JS})(plot.data[plot.data.length - 1].z);
        }}"""
    )  # (8 units, 20 steps) of sample 0
    torch.testing.assert_close(torch.tensor(shown).T, hidden[0], atol=1e-5, rtol=0)
    assert_healthy(page)
