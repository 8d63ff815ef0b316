using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>A part of a name in kanji with its reading in full-width katakana (フリガナ).</summary>
public sealed record NamePart(string Kanji, string Kana);

/// <summary>
/// Common Japanese surnames and given names with their readings. Bogus' <c>ja</c> locale has kanji
/// names only, and 氏名 must match its フリガナ, so the demo draws names from this table.
/// Given names follow the generation: parents born in the 1980s–90s, children in the 2020s, grandparents in the 1950s.
/// </summary>
public static class JapaneseNames
{
    public static IReadOnlyList<NamePart> Surnames { get; } = Parse(
        "佐藤:サトウ 鈴木:スズキ 高橋:タカハシ 田中:タナカ 伊藤:イトウ 渡辺:ワタナベ 山本:ヤマモト 中村:ナカムラ 小林:コバヤシ 加藤:カトウ " +
        "吉田:ヨシダ 山田:ヤマダ 佐々木:ササキ 山口:ヤマグチ 松本:マツモト 井上:イノウエ 木村:キムラ 林:ハヤシ 斎藤:サイトウ 清水:シミズ " +
        "山崎:ヤマザキ 森:モリ 池田:イケダ 橋本:ハシモト 阿部:アベ 石川:イシカワ 山下:ヤマシタ 中島:ナカジマ 石井:イシイ 小川:オガワ " +
        "前田:マエダ 岡田:オカダ 長谷川:ハセガワ 藤田:フジタ 後藤:ゴトウ 近藤:コンドウ 村上:ムラカミ 遠藤:エンドウ 青木:アオキ 坂本:サカモト " +
        "福田:フクダ 太田:オオタ 西村:ニシムラ 藤井:フジイ 金子:カネコ 岡本:オカモト 藤原:フジワラ 中野:ナカノ 三浦:ミウラ 原田:ハラダ");

    private static readonly IReadOnlyList<NamePart> ParentMale = Parse(
        "翔太:ショウタ 大輔:ダイスケ 拓也:タクヤ 健太:ケンタ 翔:ショウ 大樹:ダイキ 達也:タツヤ 直樹:ナオキ 和也:カズヤ 誠:マコト " +
        "亮:リョウ 雄太:ユウタ 拓海:タクミ 健一:ケンイチ 剛:ツヨシ 浩二:コウジ 隆:タカシ 大介:ダイスケ 智也:トモヤ 裕太:ユウタ " +
        "俊介:シュンスケ 慎也:シンヤ 洋平:ヨウヘイ 康平:コウヘイ 亮介:リョウスケ 一樹:カズキ 秀樹:ヒデキ 修:オサム 翼:ツバサ 陽介:ヨウスケ " +
        "雅人:マサト 貴之:タカユキ 圭:ケイ 祐介:ユウスケ 聡:サトシ 淳:ジュン 匠:タクミ 健太郎:ケンタロウ 航:ワタル 光:ヒカル");

    private static readonly IReadOnlyList<NamePart> ParentFemale = Parse(
        "美咲:ミサキ 愛:アイ 彩:アヤ 麻衣:マイ 千尋:チヒロ 恵:メグミ 舞:マイ 由美:ユミ 香織:カオリ 真由美:マユミ " +
        "陽子:ヨウコ 智子:トモコ 裕子:ユウコ 沙織:サオリ 美穂:ミホ 瞳:ヒトミ 奈々:ナナ 綾香:アヤカ 遥:ハルカ 萌:モエ " +
        "明日香:アスカ 友美:トモミ 早紀:サキ 里美:サトミ 亜希子:アキコ 理恵:リエ 絵美:エミ 優子:ユウコ 久美子:クミコ 明美:アケミ " +
        "真理:マリ 美香:ミカ 静香:シズカ 菜摘:ナツミ 千春:チハル 由佳:ユカ 梓:アズサ 茜:アカネ 彩花:アヤカ 愛美:マナミ");

    private static readonly IReadOnlyList<NamePart> ChildMale = Parse(
        "蓮:レン 陽翔:ハルト 蒼:アオイ 湊:ミナト 樹:イツキ 大和:ヤマト 悠真:ユウマ 朝陽:アサヒ 碧:アオイ 律:リツ " +
        "颯真:ソウマ 陽向:ヒナタ 悠人:ユウト 蒼空:ソラ 新:アラタ 大翔:ヒロト 結翔:ユイト 陸:リク 奏太:ソウタ 晴:ハル " +
        "颯:ハヤテ 伊織:イオリ 瑛太:エイタ 岳:ガク 陽太:ヨウタ 旭:アサヒ 琉生:ルイ 海斗:カイト 大雅:タイガ 遥斗:ハルト " +
        "蒼真:ソウマ 優斗:ユウト 春輝:ハルキ 煌:コウ 慶:ケイ 湊斗:ミナト 柊:シュウ 暖:ハル 奏:カナデ 隼:ハヤト");

    private static readonly IReadOnlyList<NamePart> ChildFemale = Parse(
        "陽葵:ヒマリ 凛:リン 詩:ウタ 結菜:ユイナ 葵:アオイ 紬:ツムギ 澪:ミオ 芽依:メイ 莉子:リコ 結愛:ユア " +
        "杏:アン 咲良:サクラ 陽菜:ヒナ 心春:コハル 美桜:ミオ 花:ハナ 結衣:ユイ 琴葉:コトハ 彩葉:イロハ 翠:スイ " +
        "紗良:サラ 柚葉:ユズハ 芽生:メイ 凪:ナギ 朱莉:アカリ 紗奈:サナ 一花:イチカ 美月:ミツキ 日葵:ヒマリ 楓:カエデ " +
        "結月:ユヅキ 花音:カノン 愛莉:アイリ 杏奈:アンナ 菫:スミレ 乃愛:ノア 小春:コハル 優奈:ユウナ 真央:マオ 千晴:チハル");

    private static readonly IReadOnlyList<NamePart> GrandparentMale = Parse(
        "正男:マサオ 茂:シゲル 博:ヒロシ 勝:マサル 清:キヨシ 和夫:カズオ 幸雄:ユキオ 明:アキラ 武:タケシ 実:ミノル 進:ススム 豊:ユタカ");

    private static readonly IReadOnlyList<NamePart> GrandparentFemale = Parse(
        "和子:カズコ 幸子:サチコ 節子:セツコ 洋子:ヨウコ 恵子:ケイコ 京子:キョウコ 悦子:エツコ 順子:ジュンコ 弘子:ヒロコ 美智子:ミチコ 典子:ノリコ 久子:ヒサコ");

    public static IReadOnlyList<NamePart> ParentGivenNames(Sex sex) => sex == Sex.Male ? ParentMale : ParentFemale;

    public static IReadOnlyList<NamePart> ChildGivenNames(Sex sex) => sex == Sex.Male ? ChildMale : ChildFemale;

    public static IReadOnlyList<NamePart> GrandparentGivenNames(Sex sex) => sex == Sex.Male ? GrandparentMale : GrandparentFemale;

    /// <summary>氏名 "姓 名" and フリガナ "セイ メイ", each with one half-width space.</summary>
    public static (string Name, string Kana) FullName(NamePart surname, NamePart givenName) =>
        ($"{surname.Kanji} {givenName.Kanji}", $"{surname.Kana} {givenName.Kana}");

    private static NamePart[] Parse(string table) =>
        [.. table.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(entry => entry.Split(':')).Select(p => new NamePart(p[0], p[1]))];
}
