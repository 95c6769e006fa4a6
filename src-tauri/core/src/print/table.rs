//! Tables whose header row repeats at the top of every page they run onto, with rows that grow
//! to their tallest cell, boxes to tick, and columns laid from the right for right-to-left
//! documents.

use super::fonts::Weight;
use super::page::{Align, Composer, Mark, Style};

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Its share of the table's width.
    pub share: f32,
    /// An empty box to tick (or fill by hand) instead of text.
    pub tick: bool,
    /// Amounts and counts: set against the column's far edge (right, or left in a
    /// right-to-left table) so their digits line up.
    pub figures: bool,
}

impl Column {
    pub fn text(title: impl Into<String>, share: f32) -> Column {
        Column {
            title: title.into(),
            share,
            tick: false,
            figures: false,
        }
    }
    pub fn figures(title: impl Into<String>, share: f32) -> Column {
        Column {
            figures: true,
            ..Column::text(title, share)
        }
    }
    pub fn tick(title: impl Into<String>, share: f32) -> Column {
        Column {
            tick: true,
            ..Column::text(title, share)
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Columns from the right edge, for a right-to-left document.
    pub rtl: bool,
    /// The least height of a row: room to write by hand on a sign-up sheet.
    pub min_row: f32,
    /// Rules between the columns as well as between the rows.
    pub grid: bool,
    pub size: f32,
}

const PAD: f32 = 3.0;

impl Table {
    /// Each column's left edge and width, in the order of `columns`.
    fn places(&self, x0: f32, width: f32) -> Vec<(f32, f32)> {
        let total: f32 = self.columns.iter().map(|c| c.share).sum();
        let mut at = 0.0;
        self.columns
            .iter()
            .map(|c| {
                let w = c.share / total * width;
                let x = if self.rtl {
                    x0 + width - at - w
                } else {
                    x0 + at
                };
                at += w;
                (x, w)
            })
            .collect()
    }

    fn cell_style(&self, col: &Column, style: Style) -> Style {
        match (col.tick, col.figures, self.rtl) {
            (true, _, _) => style.centered(),
            (_, true, false) => Style {
                align: Align::Right,
                ..style
            },
            (_, true, true) => Style {
                align: Align::Left,
                ..style
            },
            // A right-to-left table's text starts at the right edge of its cell whatever the
            // cell's own direction, so a Latin name or "USD" lines up with the Persian above it.
            (_, false, true) => Style {
                align: Align::Right,
                ..style
            },
            _ => style,
        }
    }

    fn header(&self, c: &mut Composer, places: &[(f32, f32)]) {
        // A table of labels and figures may have no titles: no empty grey band then.
        if self.columns.iter().all(|col| col.title.trim().is_empty()) {
            return;
        }
        let style = Style {
            weight: Weight::Bold,
            ..Style::body(self.size)
        };
        let h = self
            .columns
            .iter()
            .zip(places)
            .map(|(col, (x, w))| c.text_box(&col.title, style, x + PAD, w - 2.0 * PAD, 0.0, false))
            .fold(0.0, f32::max)
            + 2.0 * PAD;
        let (x0, width) = c.area();
        let y = c.y;
        c.mark(Mark::Rect {
            x: x0,
            y,
            w: width,
            h,
            fill: Some(0.88),
        });
        for (col, (x, w)) in self.columns.iter().zip(places) {
            let style = self.cell_style(col, style);
            c.text_box(&col.title, style, x + PAD, w - 2.0 * PAD, y + PAD, true);
        }
        c.y += h;
    }

    /// Draws the rows (one string per column; a tick column's string is ignored) from the cursor
    /// down, onto new pages as needed, the header first on each.
    pub fn draw(&self, c: &mut Composer, rows: &[Vec<String>]) {
        self.draw_with(c, rows, &mut |_| {});
    }

    /// As `draw`, with `page_top` run at the top of each new page first (a sheet's number and
    /// title, so a page that comes loose still says what it is).
    pub fn draw_with(
        &self,
        c: &mut Composer,
        rows: &[Vec<String>],
        page_top: &mut dyn FnMut(&mut Composer),
    ) {
        let (x0, width) = c.area();
        let places = self.places(x0, width);
        let style = Style {
            align: Align::Start,
            ..Style::body(self.size)
        };
        self.header(c, &places);
        for row in rows {
            let text_h = self
                .columns
                .iter()
                .zip(places.iter())
                .zip(row)
                .filter(|((col, _), _)| !col.tick)
                .map(|((_, (x, w)), text)| {
                    c.text_box(text, style, x + PAD, w - 2.0 * PAD, 0.0, false)
                })
                .fold(0.0, f32::max);
            let h = (text_h + 2.0 * PAD).max(self.min_row);
            if c.y + h > c.bottom() {
                c.new_page();
                page_top(c);
                self.header(c, &places);
            }
            let y = c.y;
            for ((col, (x, w)), text) in self.columns.iter().zip(places.iter()).zip(row) {
                if col.tick {
                    let side = (h - 2.0 * PAD).clamp(6.0, 11.0);
                    c.mark(Mark::Rect {
                        x: x + (w - side) / 2.0,
                        y: y + (h - side) / 2.0,
                        w: side,
                        h: side,
                        fill: None,
                    });
                } else {
                    let style = self.cell_style(col, style);
                    c.text_box(text, style, x + PAD, w - 2.0 * PAD, y + PAD, true);
                }
            }
            c.mark(Mark::Line {
                x1: x0,
                y1: y + h,
                x2: x0 + width,
                y2: y + h,
                width: 0.5,
            });
            if self.grid {
                // A rule at each column's left edge but the table's own.
                for &(x, _) in places.iter().filter(|(x, _)| *x > x0 + 0.5) {
                    c.mark(Mark::Line {
                        x1: x,
                        y1: y,
                        x2: x,
                        y2: y + h,
                        width: 0.3,
                    });
                }
            }
            c.y += h;
        }
    }
}
