//! Pages as lists of marks (positioned text, boxes, lines) in points from the top-left corner,
//! and the composer that flows paragraphs down columns and onto new pages.

use super::fonts::Weight;
use super::shape::{self, Fonts, Segment};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

/// The paper sizes offered; custom sizes come in millimetres.
pub const LETTER: Size = Size {
    width: 612.0,
    height: 792.0,
};
pub const A4: Size = Size {
    width: 595.28,
    height: 841.89,
};
pub const TABLOID: Size = Size {
    width: 792.0,
    height: 1224.0,
};

pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

#[derive(Debug, Clone)]
pub enum Mark {
    /// A run of glyphs whose baseline starts at (x, y).
    Text {
        x: f32,
        y: f32,
        size: f32,
        segment: Segment,
    },
    /// A box; filled grey when `fill` is given, else outlined with a hairline.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<f32>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

#[derive(Debug, Clone)]
pub struct Page {
    pub size: Size,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The paragraph's own start: left for left-to-right text, right for right-to-left.
    Start,
    Center,
}

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub weight: Weight,
    pub size: f32,
    pub align: Align,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl Style {
    pub fn body(size: f32) -> Style {
        Style {
            weight: Weight::Regular,
            size,
            align: Align::Start,
            leading: 1.35,
        }
    }
    pub fn bold(size: f32) -> Style {
        Style {
            weight: Weight::Bold,
            ..Style::body(size)
        }
    }
    pub fn centered(self) -> Style {
        Style {
            align: Align::Center,
            ..self
        }
    }
}

/// Flows text down the page; a margin safe for office printers (about 15 mm) all round.
pub struct Composer<'f> {
    pub fonts: &'f Fonts,
    pub size: Size,
    pub margin: f32,
    pub pages: Vec<Page>,
    columns: usize,
    gap: f32,
    column: usize,
    /// Where the current set of columns starts on this page.
    top: f32,
    pub y: f32,
}

impl<'f> Composer<'f> {
    pub fn new(fonts: &'f Fonts, size: Size) -> Composer<'f> {
        let margin = mm(15.0);
        Composer {
            fonts,
            size,
            margin,
            pages: vec![Page {
                size,
                marks: Vec::new(),
            }],
            columns: 1,
            gap: mm(6.0),
            column: 0,
            top: margin,
            y: margin,
        }
    }

    /// The bottom of the writing area, above the footer.
    fn bottom(&self) -> f32 {
        self.size.height - self.margin - 14.0
    }

    pub fn column_width(&self) -> f32 {
        let inner = self.size.width - 2.0 * self.margin;
        (inner - self.gap * (self.columns - 1) as f32) / self.columns as f32
    }

    fn column_x(&self) -> f32 {
        self.margin + self.column as f32 * (self.column_width() + self.gap)
    }

    /// From here down, text flows in `n` columns.
    pub fn columns(&mut self, n: usize) {
        self.columns = n.max(1);
        self.column = 0;
        self.top = self.y;
    }

    fn next_column(&mut self) {
        if self.column + 1 < self.columns {
            self.column += 1;
        } else {
            self.pages.push(Page {
                size: self.size,
                marks: Vec::new(),
            });
            self.column = 0;
            self.top = self.margin;
        }
        self.y = self.top;
    }

    pub fn space(&mut self, h: f32) {
        self.y += h;
    }

    /// Keeps `h` points together: moves to the next column when they would not fit.
    pub fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > self.top {
            self.next_column();
        }
    }

    pub fn mark(&mut self, m: Mark) {
        self.pages.last_mut().expect("a page").marks.push(m);
    }

    /// Lays out `text` (newlines start new paragraphs) at the cursor, breaking columns and pages.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        let width = self.column_width();
        let height = style.size * style.leading;
        for para in text.split('\n') {
            for line in shape::lines(self.fonts, para, style.weight, style.size, width) {
                self.need(height);
                let x0 = self.column_x();
                let mut x = match style.align {
                    Align::Center => x0 + (width - line.width) / 2.0,
                    Align::Start if line.rtl => x0 + width - line.width,
                    Align::Start => x0,
                };
                let baseline = self.y + style.size;
                for segment in line.segments {
                    let w = segment.width;
                    self.mark(Mark::Text {
                        x,
                        y: baseline,
                        size: style.size,
                        segment,
                    });
                    x += w;
                }
                self.y += height;
            }
        }
    }

    /// Puts "page X of N" (made by `footer`) at the foot of every page, and hands the pages over.
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> String) -> Vec<Page> {
        let n = self.pages.len();
        for i in 0..n {
            let text = footer(i + 1, n);
            let style = Style::body(8.0);
            if let Some(line) =
                shape::lines(self.fonts, &text, style.weight, style.size, self.size.width)
                    .into_iter()
                    .next()
            {
                let mut x = (self.size.width - line.width) / 2.0;
                let y = self.size.height - self.margin;
                for segment in line.segments {
                    let w = segment.width;
                    self.pages[i].marks.push(Mark::Text {
                        x,
                        y,
                        size: style.size,
                        segment,
                    });
                    x += w;
                }
            }
        }
        self.pages
    }
}
