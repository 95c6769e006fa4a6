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
    /// A photo scaled into the box (x, y, w, h).
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        picture: std::sync::Arc<super::picture::Picture>,
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
    /// Against one edge whatever the text's direction: amounts in a column of figures.
    Left,
    Right,
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

/// A box the text flows in instead of the page's columns (one side of a bilingual flyer, one
/// handbill of two on a sheet). Text that does not fit sets `overflow` and is not moved on.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub x: f32,
    pub width: f32,
    pub bottom: f32,
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
    frame: Option<Frame>,
    pub overflow: bool,
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
            frame: None,
            overflow: false,
        }
    }

    /// The bottom of the writing area, above the footer.
    pub fn bottom(&self) -> f32 {
        match self.frame {
            Some(f) => f.bottom,
            None => self.size.height - self.margin - 14.0,
        }
    }

    /// The writing area's left edge and width.
    pub fn area(&self) -> (f32, f32) {
        match self.frame {
            Some(f) => (f.x, f.width),
            None => (self.margin, self.size.width - 2.0 * self.margin),
        }
    }

    pub fn column_width(&self) -> f32 {
        let (_, inner) = self.area();
        (inner - self.gap * (self.columns - 1) as f32) / self.columns as f32
    }

    fn column_x(&self) -> f32 {
        self.area().0 + self.column as f32 * (self.column_width() + self.gap)
    }

    /// From here on, text flows in `frame` from `top` down (None: the page again).
    pub fn frame(&mut self, frame: Option<Frame>, top: f32) {
        self.frame = frame;
        self.columns = 1;
        self.column = 0;
        self.top = top;
        self.y = top;
    }

    /// A new page, the cursor at its top.
    pub fn new_page(&mut self) {
        self.pages.push(Page {
            size: self.size,
            marks: Vec::new(),
        });
        self.column = 0;
        self.top = self.margin;
        self.y = self.margin;
    }

    /// From here down, text flows in `n` columns.
    pub fn columns(&mut self, n: usize) {
        self.columns = n.max(1);
        self.column = 0;
        self.top = self.y;
    }

    fn next_column(&mut self) {
        if self.frame.is_some() {
            self.overflow = true;
            return;
        }
        if self.column + 1 < self.columns {
            self.column += 1;
        } else {
            self.new_page();
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
        for para in text.split('\n') {
            let lines = shape::lines(self.fonts, para, style.weight, style.size, width);
            self.place_lines(lines, style);
        }
    }

    /// Lines laid out for the column width (by `shape::lines` or `many_lines`) at the cursor,
    /// breaking columns and pages.
    pub fn place_lines(&mut self, lines: Vec<shape::Line>, style: Style) {
        let width = self.column_width();
        let height = style.size * style.leading;
        for line in lines {
            self.need(height);
            let (x0, y) = (self.column_x(), self.y);
            self.place_line(line, style, x0, width, y);
            self.y += height;
        }
    }

    /// One laid-out line in the box from `x0`, `width` wide, its top at `y`.
    pub fn place_line(&mut self, line: shape::Line, style: Style, x0: f32, width: f32, y: f32) {
        let mut x = match style.align {
            Align::Center => x0 + (width - line.width) / 2.0,
            Align::Start if line.rtl => x0 + width - line.width,
            Align::Start | Align::Left => x0,
            Align::Right => x0 + width - line.width,
        };
        for segment in line.segments {
            let w = segment.width;
            self.mark(Mark::Text {
                x,
                y: y + style.size,
                size: style.size,
                segment,
            });
            x += w;
        }
    }

    /// Lays out `text` in a fixed box (a table cell), not moving the cursor; returns its height.
    /// With `draw` false it only measures.
    pub fn text_box(
        &mut self,
        text: &str,
        style: Style,
        x: f32,
        width: f32,
        y: f32,
        draw: bool,
    ) -> f32 {
        let height = style.size * style.leading;
        let mut h = 0.0;
        for para in text.split('\n') {
            for line in shape::lines(self.fonts, para, style.weight, style.size, width) {
                if draw {
                    self.place_line(line, style, x, width, y + h);
                }
                h += height;
            }
        }
        h
    }

    /// A picture `width` wide (or less, to stay under `max_height`), centred in the area.
    pub fn picture(&mut self, picture: std::sync::Arc<super::picture::Picture>, max_height: f32) {
        let (x0, width) = (self.column_x(), self.column_width());
        let ratio = picture.height as f32 / picture.width.max(1) as f32;
        let (mut w, mut h) = (width, width * ratio);
        if h > max_height {
            (w, h) = (max_height / ratio, max_height);
        }
        self.need(h);
        let y = self.y;
        self.mark(Mark::Image {
            x: x0 + (width - w) / 2.0,
            y,
            w,
            h,
            picture,
        });
        self.y += h;
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
