//! Charts drawn as vector shapes (boxes and rules, the labels as text), for the reports: bars
//! for counts by kind (countries, sources, events, methods), columns for counts over time
//! (weeks, months), and a fund's progress bar. Grey tones only, so an office printer's black
//! and white keeps them readable. The numbers come from the same core queries as the window's
//! charts; a chart only draws them.

use super::page::{Align, Composer, Mark, Style};

/// One bar: what it counts, its size (a count or an amount in minor units) and the figure
/// printed beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub shown: String,
}

const ROW: f32 = 12.0;
const GAP: f32 = 6.0;
const INK: f32 = 0.35;

fn label_style(align: Align) -> Style {
    Style {
        align,
        ..Style::body(8.5)
    }
}

/// Horizontal bars, one a row, the longest filling the space between the labels and the
/// figures. Right to left, labels sit on the right and bars grow leftwards.
pub fn bars(c: &mut Composer, bars: &[Bar], rtl: bool) {
    let (x0, width) = c.area();
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let label_w = width * 0.34;
    let value_w = width * 0.18;
    let bar_w = width - label_w - value_w - 2.0 * GAP;
    for b in bars {
        let (toward_bar, away) = if rtl {
            (Align::Right, Align::Left)
        } else {
            (Align::Left, Align::Right)
        };
        let h = c
            .text_box(&b.label, label_style(away), 0.0, label_w, 0.0, false)
            .max(ROW)
            + 2.0;
        c.need(h);
        let y = c.y;
        let len = bar_w * (b.value.max(0) as f32 / max as f32);
        let (label_x, bar_x, value_x) = if rtl {
            (x0 + width - label_w, x0 + value_w + GAP + bar_w - len, x0)
        } else {
            (x0, x0 + label_w + GAP, x0 + label_w + 2.0 * GAP + bar_w)
        };
        // The label faces its bar; the figure sits just past the bar's far end.
        c.text_box(&b.label, label_style(away), label_x, label_w, y, true);
        c.mark(Mark::Rect {
            x: bar_x,
            y: y + 2.0,
            w: len.max(0.75),
            h: ROW - 4.0,
            fill: Some(INK),
        });
        c.text_box(&b.shown, label_style(toward_bar), value_x, value_w, y, true);
        c.y += h;
    }
}

/// Columns over time, oldest on the left: a baseline, each column's figure on it (or, when
/// they are too narrow, the tallest's at the top), and the labels of the first, the last and
/// some between (as many as fit).
pub fn columns(c: &mut Composer, bars: &[Bar], height: f32) {
    if bars.is_empty() {
        return;
    }
    let (x0, width) = c.area();
    // Room for a label of two lines ("September 22, / 2025").
    let label_h = 22.0;
    c.need(height + label_h + 14.0);
    let top = c.y;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let step = width / bars.len() as f32;
    // Wide columns carry their own figures on top; narrow ones (weeks over a year) only the
    // tallest's, at the top rule.
    let each = step >= 48.0;
    if !each {
        let top_shown = bars
            .iter()
            .find(|b| b.value == max)
            .map(|b| b.shown.clone())
            .unwrap_or_default();
        c.text_box(&top_shown, label_style(Align::Left), x0, width, top, true);
    }
    let chart_top = top + 12.0;
    let base = chart_top + height;
    // A faint rule at the top value, the baseline below the columns.
    c.mark(Mark::Line {
        x1: x0,
        y1: chart_top,
        x2: x0 + width,
        y2: chart_top,
        width: 0.2,
    });
    let col_w = (step * 0.7).max(0.5);
    for (i, b) in bars.iter().enumerate() {
        let h = height * (b.value.max(0) as f32 / max as f32);
        if each {
            let x = x0 + i as f32 * step;
            c.text_box(
                &b.shown,
                label_style(Align::Center),
                x,
                step,
                base - h - 11.0,
                true,
            );
        }
        c.mark(Mark::Rect {
            x: x0 + i as f32 * step + (step - col_w) / 2.0,
            y: base - h,
            w: col_w,
            h: h.max(0.5),
            fill: Some(INK),
        });
    }
    c.mark(Mark::Line {
        x1: x0,
        y1: base,
        x2: x0 + width,
        y2: base,
        width: 0.6,
    });
    // A label every few columns, 60 points apart at least, from the oldest, and the newest's;
    // one that would run into another (held inside the page's edge) is left out.
    let label_w = 60.0_f32;
    let every = ((label_w / step).ceil() as usize).max(1);
    let place = |i: usize| {
        let centre = x0 + i as f32 * step + step / 2.0;
        (centre - label_w / 2.0).clamp(x0, x0 + width - label_w)
    };
    let last = bars.len() - 1;
    let mut taken: Vec<usize> = vec![last];
    for i in (0..last).step_by(every) {
        if taken
            .iter()
            .all(|&t| (place(i) - place(t)).abs() >= label_w + 2.0)
        {
            taken.push(i);
        }
    }
    for i in taken {
        c.text_box(
            &bars[i].label,
            label_style(Align::Center),
            place(i),
            label_w,
            base + 2.0,
            true,
        );
    }
    c.y = base + label_h + 6.0;
}

/// A fund's progress: an outlined bar filled to `percent` (at most full) from the start side.
pub fn progress(c: &mut Composer, percent: i64, rtl: bool) {
    let (x0, width) = c.area();
    let h = 10.0;
    c.need(h + 4.0);
    let y = c.y;
    let filled = width * (percent.clamp(0, 100) as f32 / 100.0);
    c.mark(Mark::Rect {
        x: if rtl { x0 + width - filled } else { x0 },
        y,
        w: filled.max(0.5),
        h,
        fill: Some(INK),
    });
    c.mark(Mark::Rect {
        x: x0,
        y,
        w: width,
        h,
        fill: None,
    });
    c.y += h + 4.0;
}
