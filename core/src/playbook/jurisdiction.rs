//! Which law's limitation period the playbook watches: its own file, because both the settings
//! (which one the user chose) and the reasons (which law a warning cites) name it.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Which law's limitation period to watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Jurisdiction {
    /// Mainland China: 3 years (民法典 art. 188), interrupted by a demand (art. 195).
    #[default]
    Prc,
    /// Hong Kong: 6 years for simple contracts (Limitation Ordinance, Cap. 347, s.4).
    HongKong,
    /// England and Wales: 6 years for simple contracts (Limitation Act 1980, s.5).
    EnglandWales,
    /// Anywhere else: the user sets the years.
    Other,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 4] = [
        Jurisdiction::Prc,
        Jurisdiction::HongKong,
        Jurisdiction::EnglandWales,
        Jurisdiction::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Jurisdiction::Prc => "prc",
            Jurisdiction::HongKong => "hong_kong",
            Jurisdiction::EnglandWales => "england_wales",
            Jurisdiction::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Jurisdiction> {
        Jurisdiction::ALL.into_iter().find(|j| j.key() == key)
    }

    /// The statutory period for a contract debt. `Other` gets the shortest of the three, so
    /// an unset period warns early rather than late.
    pub fn default_years(self) -> u32 {
        match self {
            Jurisdiction::Prc | Jurisdiction::Other => 3,
            Jurisdiction::HongKong | Jurisdiction::EnglandWales => 6,
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Jurisdiction::Prc => lang.pick("中国内地", "Mainland China"),
            Jurisdiction::HongKong => lang.pick("中国香港", "Hong Kong"),
            Jurisdiction::EnglandWales => lang.pick("英格兰及威尔士", "England and Wales"),
            Jurisdiction::Other => lang.pick("其他法域", "Other jurisdiction"),
        }
    }

    /// The law that sets the period, for the warning's "why".
    pub fn period_basis(self, lang: Lang) -> &'static str {
        match self {
            Jurisdiction::Prc => lang.pick("《民法典》第一百八十八条", "PRC Civil Code art. 188"),
            Jurisdiction::HongKong => lang.pick(
                "《时效条例》（第347章）第4条",
                "Limitation Ordinance (Cap. 347) s.4",
            ),
            Jurisdiction::EnglandWales => {
                lang.pick("英国《1980年时效法》第5条", "Limitation Act 1980 s.5")
            }
            Jurisdiction::Other => lang.pick("当地法律", "local law"),
        }
    }

    /// What interrupts (or restarts) the period there, and under which rule.
    pub fn interruption(self, lang: Lang) -> &'static str {
        match self {
            Jurisdiction::Prc => lang.pick(
                "依《民法典》第一百九十五条，向客户提出书面履行请求（催告函）即可中断诉讼时效，时效期间重新计算；请保留送达凭证，最好取得客户签收或书面确认",
                "Under PRC Civil Code art. 195 a demand for payment made to the customer interrupts the period, which then starts again: send a written demand and keep proof it arrived, ideally the customer's signed acknowledgment",
            ),
            Jurisdiction::HongKong => lang.pick(
                "依《时效条例》第23、24条，客户书面签署确认欠款或支付部分款项，时效重新起算；单纯催款不能中断时效",
                "Under the Limitation Ordinance ss.23–24 a written acknowledgment of the debt signed by the customer, or a part payment, restarts the period; a demand alone does not",
            ),
            Jurisdiction::EnglandWales => lang.pick(
                "依《1980年时效法》第29、30条，客户书面签署确认欠款或支付部分款项，时效重新起算；单纯催款不能中断时效",
                "Under the Limitation Act 1980 ss.29–30 a written acknowledgment of the debt signed by the customer, or a part payment, restarts the period; a demand alone does not",
            ),
            Jurisdiction::Other => lang.pick(
                "取得客户书面确认欠款或部分付款，或在时效届满前起诉/申请仲裁；具体以当地法律为准",
                "Get the customer's written acknowledgment of the debt or a part payment, or start proceedings before the period ends; check the local rule",
            ),
        }
    }
}
