//! The few words documents print around the data, in the languages organizers print in.
//! (The window's catalogs are in ui/messages; these are the PDFs'.)

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub lang: &'static str,
}

impl Words {
    /// English, Farsi or Spanish; anything else prints in English.
    pub fn new(lang: &str) -> Words {
        Words {
            lang: match lang {
                "fa" => "fa",
                "es" => "es",
                _ => "en",
            },
        }
    }

    pub fn page_of(&self, i: usize, n: usize) -> String {
        match self.lang {
            "fa" => format!("صفحهٔ {} از {}", persian_digits(i), persian_digits(n)),
            "es" => format!("página {i} de {n}"),
            _ => format!("page {i} of {n}"),
        }
    }

    pub fn and_others(&self, others: i64, countries: i64) -> String {
        match self.lang {
            "fa" => format!(
                "و {} نفر دیگر از {} کشور",
                persian_digits(others),
                persian_digits(countries)
            ),
            "es" if countries == 1 => format!("y {others} personas más de 1 país"),
            "es" => format!("y {others} personas más de {countries} países"),
            _ if countries == 1 && others == 1 => "and 1 other from 1 country".to_owned(),
            _ if countries == 1 => format!("and {others} others from 1 country"),
            _ if others == 1 => format!("and 1 other from {countries} countries"),
            _ => format!("and {others} others from {countries} countries"),
        }
    }
}

/// Digits as a Persian reader expects them (۰۱۲۳۴۵۶۷۸۹).
pub fn persian_digits(n: impl std::fmt::Display) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_u32(0x06F0 + d).unwrap_or(c))
        })
        .collect()
}
