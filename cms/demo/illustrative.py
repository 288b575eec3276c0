"""The demo's illustrative later stage (2016), as data: the texts the programme's documents have
when the workflow carries them past the 2015 review (``workflow.demo.later``).

Nothing here comes from the review. Numbers, dates, figures and wording are invented to show the
portal with the three documents the product is about issued and published, and one draft open
for comment; every text says so in its preamble.
"""

import copy

from .content import DEMO_NOTICE, PROGRAMME, _article, _chapter

YEAR = 2016
NOTICE = (
    f"[Giai đoạn năm {YEAR} là giả định minh họa: số, ngày, số liệu và nội dung văn bản do hệ "
    "thống tạo để trình diễn.]"
)
SIGNER = "(Demo) Trần Văn B"
DEPUTY = "(Demo) Lê Thị C"

UBND_2016_PREAMBLE = [
    DEMO_NOTICE,
    NOTICE,
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân "
    "ngày 03 tháng 12 năm 2004;",
]
NORMATIVE_RECIPIENTS = [
    "Như Điều 3;",
    "Bộ Thông tin và Truyền thông;",
    "Cục Kiểm tra văn bản QPPL - Bộ Tư pháp;",
    "Thường trực Tỉnh ủy;",
    "Thường trực HĐND tỉnh;",
    "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
    "Trung tâm Thông tin - Công báo tỉnh;",
    "Lưu: VT, VX.",
]


def _attachment(title: str, heading: str, decision: str) -> dict:
    return {
        "type": "attachment",
        "value": {
            "title": title,
            "heading": heading,
            "note": f"(Ban hành kèm theo Quyết định số {decision} "
            "của Ủy ban nhân dân tỉnh Cao Bằng)",
        },
    }


def _table(rows: list[list[str]]) -> dict:
    return {
        "data": rows,
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "",
    }


def _listing(number: str, heading: str, text: str, points: list[tuple[str, str]]) -> dict:
    """An article whose lead text introduces points directly (one clause without a number)."""
    article = _article(number, heading, text, clauses=[("", points)])
    article["value"]["clauses"][0]["number"] = ""
    return article


def _kept(slug: str, number: str, *, as_number: str) -> dict:
    """An article of the 2015 draft carried unchanged into the 2016 text, renumbered."""
    [draft] = [spec for spec in PROGRAMME if spec["slug"] == slug]
    [article] = [b for b in draft["body"] if b["value"].get("number") == number]
    kept = copy.deepcopy(article)
    kept["value"]["number"] = as_number
    return kept


def _issuing_articles(what: str, effective: str) -> list[dict]:
    """Articles 1-3 of a decision issuing a regulation attached to it."""
    return [
        _article("1", "", f"Ban hành kèm theo Quyết định này {what}."),
        _article("2", "", f"Quyết định này có hiệu lực thi hành kể từ ngày {effective}."),
        _article(
            "3",
            "",
            "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Thông tin và Truyền thông, Thủ "
            "trưởng các sở, ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thành phố và "
            "các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ),
    ]


SPOKESPERSON = {
    "number": "08/2016/QĐ-UBND",
    "preamble": [
        *UBND_2016_PREAMBLE,
        "Căn cứ Luật Báo chí ngày 28 tháng 12 năm 1989; Luật sửa đổi, bổ sung một số điều của "
        "Luật Báo chí ngày 12 tháng 6 năm 1999;",
        "Căn cứ Quyết định số 25/2013/QĐ-TTg ngày 04 tháng 5 năm 2013 của Thủ tướng Chính phủ "
        "ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
    ],
    "body": [
        *_issuing_articles(
            "Quy chế phát ngôn và cung cấp thông tin cho báo chí của các cơ quan hành chính nhà "
            "nước trên địa bàn tỉnh Cao Bằng",
            "15 tháng 4 năm 2016",
        ),
        _attachment(
            "QUY CHẾ",
            "Phát ngôn và cung cấp thông tin cho báo chí của các cơ quan hành chính nhà nước "
            "trên địa bàn tỉnh Cao Bằng",
            "08/2016/QĐ-UBND ngày 04 tháng 4 năm 2016",
        ),
        _chapter("I", "QUY ĐỊNH CHUNG"),
        _article(
            "1",
            "Phạm vi điều chỉnh và đối tượng áp dụng",
            clauses=[
                "Quy chế này quy định việc phát ngôn và cung cấp thông tin cho báo chí của Ủy ban "
                "nhân dân tỉnh, các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh và Ủy ban nhân dân "
                "các huyện, thành phố (sau đây gọi chung là cơ quan hành chính nhà nước).",
                "Quy chế này áp dụng đối với người phát ngôn, người được giao nhiệm vụ phát ngôn "
                "và các cơ quan, tổ chức, cá nhân có liên quan.",
            ],
        ),
        _article(
            "2",
            "Người phát ngôn",
            clauses=[
                "Chủ tịch Ủy ban nhân dân tỉnh là người phát ngôn của Ủy ban nhân dân tỉnh; "
                "Chủ tịch có thể giao Chánh Văn phòng Ủy ban nhân dân tỉnh thực hiện phát ngôn.",
                "Thủ trưởng các sở, ban, ngành là người phát ngôn của cơ quan mình; có thể giao "
                "một cấp phó thực hiện phát ngôn thường xuyên.",
                "Chủ tịch Ủy ban nhân dân các huyện, thành phố là người phát ngôn của Ủy ban nhân "
                "dân cấp huyện.",
                "Họ tên, chức vụ, số điện thoại và địa chỉ thư điện tử của người phát ngôn được "
                "công bố bằng văn bản, đăng trên trang thông tin điện tử của cơ quan và gửi Sở "
                "Thông tin và Truyền thông để tổng hợp, thông báo cho các cơ quan báo chí.",
            ],
        ),
        _article(
            "3",
            "Quyền và trách nhiệm của người phát ngôn",
            clauses=[
                (
                    "Người phát ngôn có quyền:",
                    [
                        ("a", "nhân danh cơ quan phát ngôn, cung cấp thông tin cho báo chí;"),
                        (
                            "b",
                            "yêu cầu các đơn vị, cá nhân có liên quan cung cấp thông tin, "
                            "chuẩn bị nội dung trả lời;",
                        ),
                        (
                            "c",
                            "từ chối cung cấp thông tin thuộc các trường hợp quy định tại Điều 6 "
                            "của Quy chế này.",
                        ),
                    ],
                ),
                "Người phát ngôn chịu trách nhiệm trước pháp luật và trước người đứng đầu cơ quan "
                "về nội dung phát ngôn và thông tin cung cấp cho báo chí.",
            ],
        ),
        _chapter("II", "PHÁT NGÔN VÀ CUNG CẤP THÔNG TIN CHO BÁO CHÍ"),
        _article(
            "4",
            "Phát ngôn và cung cấp thông tin định kỳ",
            clauses=[
                (
                    "Ủy ban nhân dân tỉnh cung cấp thông tin định kỳ cho báo chí:",
                    [
                        ("a", "thông qua họp báo ít nhất ba tháng một lần;"),
                        ("b", "trên Cổng thông tin điện tử của tỉnh, cập nhật hằng tuần."),
                    ],
                ),
                "Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố cung cấp thông tin "
                "định kỳ trên trang thông tin điện tử của cơ quan mình và tổ chức họp báo khi "
                "cần thiết.",
            ],
        ),
        _article(
            "5",
            "Phát ngôn trong trường hợp đột xuất, bất thường",
            clauses=[
                "Khi xảy ra sự kiện, vấn đề gây ảnh hưởng lớn trong xã hội thuộc phạm vi quản lý, "
                "người phát ngôn có trách nhiệm cung cấp thông tin cho báo chí chậm nhất là 02 "
                "ngày kể từ khi sự việc xảy ra.",
                "Khi báo chí đăng, phát thông tin có nội dung sai sự thật về lĩnh vực thuộc phạm "
                "vi quản lý, người phát ngôn có trách nhiệm yêu cầu cơ quan báo chí đăng, phát ý "
                "kiến phản hồi, cải chính theo quy định của pháp luật.",
            ],
        ),
        _listing(
            "6",
            "Những thông tin không được phát ngôn",
            "Người phát ngôn không được phát ngôn, cung cấp cho báo chí các thông tin sau:",
            [
                ("a", "thông tin thuộc danh mục bí mật nhà nước;"),
                (
                    "b",
                    "thông tin về vụ việc đang được thanh tra, điều tra, truy tố, xét xử "
                    "mà chưa có kết luận chính thức của cơ quan có thẩm quyền;",
                ),
                (
                    "c",
                    "thông tin về vụ việc đang trong quá trình xem xét, chưa có kết luận "
                    "chính thức của người có thẩm quyền;",
                ),
                ("d", "thông tin thuộc bí mật đời tư theo quy định của pháp luật."),
            ],
        ),
        _chapter("III", "TỔ CHỨC THỰC HIỆN"),
        _article(
            "7",
            "Trách nhiệm của Sở Thông tin và Truyền thông",
            clauses=[
                "Hướng dẫn, kiểm tra việc thực hiện Quy chế này; tổng hợp danh sách người phát "
                "ngôn của các cơ quan và thông báo cho các cơ quan báo chí.",
                "Chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh tổ chức họp báo định kỳ "
                "của Ủy ban nhân dân tỉnh.",
            ],
        ),
        _article(
            "8",
            "Chế độ báo cáo",
            "Các cơ quan hành chính nhà nước báo cáo tình hình phát ngôn và cung cấp thông tin "
            "cho báo chí 6 tháng (trước ngày 15 tháng 6) và hằng năm (trước ngày 15 tháng 12) "
            "về Sở Thông tin và Truyền thông để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
        ),
    ],
    "recipients": NORMATIVE_RECIPIENTS,
}

DIGITAL_SIGNATURES = {
    "number": "03/2016/QĐ-UBND",
    "preamble": [
        *UBND_2016_PREAMBLE,
        "Căn cứ Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005;",
        "Căn cứ Nghị định số 26/2007/NĐ-CP ngày 15 tháng 02 năm 2007 của Chính phủ quy định chi "
        "tiết thi hành Luật Giao dịch điện tử về chữ ký số và dịch vụ chứng thực chữ ký số;",
        "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10 tháng 4 năm 2007 của Chính phủ về ứng dụng "
        "công nghệ thông tin trong hoạt động của cơ quan nhà nước;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
    ],
    "body": [
        *_issuing_articles(
            "Quy định về quản lý, ứng dụng chữ ký số trong việc gửi, nhận và sử dụng văn bản "
            "điện tử của các cơ quan hành chính nhà nước trên địa bàn tỉnh Cao Bằng",
            "05 tháng 02 năm 2016",
        ),
        _attachment(
            "QUY ĐỊNH",
            "Quản lý, ứng dụng chữ ký số trong việc gửi, nhận và sử dụng văn bản điện tử của các "
            "cơ quan hành chính nhà nước trên địa bàn tỉnh Cao Bằng",
            "03/2016/QĐ-UBND ngày 25 tháng 01 năm 2016",
        ),
        _chapter("I", "QUY ĐỊNH CHUNG"),
        _article(
            "1",
            "Phạm vi điều chỉnh và đối tượng áp dụng",
            clauses=[
                "Quy định này quy định việc quản lý, ứng dụng chữ ký số chuyên dùng do Ban Cơ yếu "
                "Chính phủ cung cấp trong việc gửi, nhận và sử dụng văn bản điện tử.",
                "Quy định này áp dụng đối với các cơ quan hành chính nhà nước trên địa bàn tỉnh "
                "Cao Bằng và cán bộ, công chức được cấp chứng thư số.",
            ],
        ),
        _article(
            "2",
            "Giải thích từ ngữ",
            "Trong Quy định này, các từ ngữ dưới đây được hiểu như sau:",
            clauses=[
                "Chữ ký số là một dạng chữ ký điện tử được tạo ra bằng sự biến đổi một thông điệp "
                "dữ liệu sử dụng hệ thống mật mã không đối xứng.",
                "Chứng thư số là thông điệp dữ liệu do tổ chức cung cấp dịch vụ chứng thực chữ "
                "ký số cấp, xác nhận cơ quan, cá nhân là người ký chữ ký số.",
                "Thiết bị lưu khóa bí mật là thiết bị vật lý (USB token) chứa chứng thư số và "
                "khóa bí mật của thuê bao.",
            ],
        ),
        _article(
            "3",
            "Giá trị pháp lý của văn bản điện tử có chữ ký số",
            clauses=[
                "Văn bản điện tử được ký số theo Quy định này có giá trị pháp lý như văn bản giấy "
                "có chữ ký và đóng dấu của cơ quan.",
                "Bản in từ văn bản điện tử có chữ ký số được sử dụng như bản sao khi có xác nhận "
                "của văn thư cơ quan nhận.",
            ],
        ),
        _chapter("II", "QUẢN LÝ VÀ SỬ DỤNG CHỮ KÝ SỐ"),
        _article(
            "4",
            "Cấp, gia hạn và thu hồi chứng thư số",
            clauses=[
                "Cơ quan, đơn vị lập hồ sơ đề nghị cấp, gia hạn, thu hồi chứng thư số gửi Sở "
                "Thông tin và Truyền thông.",
                "Sở Thông tin và Truyền thông tổng hợp, đề nghị Ban Cơ yếu Chính phủ cấp, gia "
                "hạn, thu hồi chứng thư số trong thời hạn 05 ngày làm việc.",
            ],
        ),
        _listing(
            "5",
            "Văn bản được ký số khi gửi qua mạng",
            "Các loại văn bản sau đây được ký số và gửi qua hệ thống quản lý văn bản và điều hành "
            "mà không gửi kèm bản giấy:",
            [
                ("a", "giấy mời, thông báo, lịch công tác;"),
                ("b", "báo cáo định kỳ, báo cáo chuyên đề;"),
                ("c", "văn bản trao đổi công việc giữa các cơ quan;"),
                ("d", "tài liệu gửi kèm các văn bản nêu trên."),
            ],
        ),
        _article(
            "6",
            "Bảo quản thiết bị lưu khóa bí mật",
            clauses=[
                "Người được cấp chứng thư số có trách nhiệm bảo quản thiết bị lưu khóa bí mật, "
                "không cho người khác sử dụng.",
                "Khi thiết bị bị mất hoặc khóa bí mật bị lộ, thuê bao phải báo ngay cho Sở Thông "
                "tin và Truyền thông để đề nghị thu hồi chứng thư số.",
            ],
        ),
        _chapter("III", "TỔ CHỨC THỰC HIỆN"),
        _kept("du-thao-quy-dinh-chu-ky-so", "3", as_number="7"),
        _article(
            "8",
            "Trách nhiệm của các cơ quan hành chính nhà nước",
            "Thủ trưởng các cơ quan chỉ đạo việc ký số văn bản điện tử theo Quy định này và bố "
            "trí kinh phí cho việc ứng dụng chữ ký số trong dự toán hằng năm của cơ quan.",
        ),
    ],
    "recipients": NORMATIVE_RECIPIENTS,
}

DISTRICTS = [
    # (unit, antenna columns in 2015, new by 2020, of which shared, cable put underground in km)
    ("Thành phố Cao Bằng", 46, 18, 14, 32),
    ("Huyện Bảo Lạc", 22, 9, 6, 4),
    ("Huyện Bảo Lâm", 19, 8, 5, 3),
    ("Huyện Hà Quảng", 21, 7, 5, 4),
    ("Huyện Thông Nông", 12, 5, 3, 2),
    ("Huyện Trà Lĩnh", 14, 5, 4, 2),
    ("Huyện Trùng Khánh", 27, 9, 6, 5),
    ("Huyện Hạ Lang", 15, 6, 4, 2),
    ("Huyện Quảng Uyên", 18, 6, 4, 3),
    ("Huyện Phục Hòa", 16, 5, 4, 3),
    ("Huyện Hòa An", 28, 10, 7, 6),
    ("Huyện Nguyên Bình", 20, 8, 5, 3),
    ("Huyện Thạch An", 17, 6, 4, 3),
]


def _district_table() -> dict:
    header = [
        "STT",
        "Đơn vị hành chính",
        "Cột ăng ten hiện có (2015)",
        "Cột ăng ten xây mới đến 2020",
        "Trong đó: dùng chung",
        "Cáp ngầm hóa đến 2020 (km)",
    ]
    rows = [[str(n), name, *map(str, figures)] for n, (name, *figures) in enumerate(DISTRICTS, 1)]
    totals = [str(sum(row[i] for row in DISTRICTS)) for i in range(1, 5)]
    return _table([header, *rows, ["", "Tổng cộng", *totals]])


TELECOM_PLANNING = {
    "number": "512/QĐ-UBND",
    "preamble": [
        DEMO_NOTICE,
        NOTICE,
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Viễn thông ngày 23 tháng 11 năm 2009;",
        "Căn cứ Nghị định số 25/2011/NĐ-CP ngày 06 tháng 4 năm 2011 của Chính phủ quy định chi "
        "tiết và hướng dẫn thi hành một số điều của Luật Viễn thông;",
        "Căn cứ Thông tư số 14/2013/TT-BTTTT ngày 21 tháng 6 năm 2013 của Bộ Thông tin và Truyền "
        "thông hướng dẫn việc lập, phê duyệt và tổ chức thực hiện quy hoạch hạ tầng kỹ thuật "
        "viễn thông thụ động tại địa phương;",
        "Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
    ],
    "body": [
        _article(
            "1",
            "",
            "Phê duyệt Quy hoạch hạ tầng kỹ thuật viễn thông thụ động tỉnh Cao Bằng giai đoạn "
            "2015-2020, định hướng đến năm 2025 với các nội dung chủ yếu sau:",
            clauses=[
                (
                    "Quan điểm phát triển:",
                    [
                        (
                            "a",
                            "phát triển hạ tầng kỹ thuật viễn thông thụ động bền vững, phù hợp "
                            "với quy hoạch phát triển kinh tế - xã hội của tỉnh;",
                        ),
                        (
                            "b",
                            "sử dụng chung cơ sở hạ tầng giữa các doanh nghiệp viễn thông và với "
                            "các ngành giao thông, điện lực, xây dựng;",
                        ),
                        ("c", "bảo đảm cảnh quan đô thị, an toàn và quốc phòng, an ninh."),
                    ],
                ),
                (
                    "Mục tiêu:",
                    [
                        (
                            "a",
                            "đến năm 2020: 100% số xã có cột ăng ten thu phát sóng; tỷ lệ cột "
                            "ăng ten dùng chung đạt 40%; ngầm hóa hạ tầng cáp viễn thông tại "
                            "các tuyến phố chính của thành phố Cao Bằng và các thị trấn;",
                        ),
                        (
                            "b",
                            "định hướng đến năm 2025: tỷ lệ cột ăng ten dùng chung đạt 60%; "
                            "ngầm hóa 80% hạ tầng cáp viễn thông tại khu vực đô thị.",
                        ),
                    ],
                ),
                (
                    "Nội dung quy hoạch:",
                    [
                        (
                            "a",
                            "điểm cung cấp dịch vụ viễn thông có người phục vụ: duy trì các bưu "
                            "cục, điểm bưu điện - văn hóa xã hiện có;",
                        ),
                        (
                            "b",
                            "cột ăng ten: cột loại A1 (không cồng kềnh) tại khu vực đô thị, khu "
                            "di tích, danh lam thắng cảnh; cột loại A2 (cồng kềnh) tại các khu "
                            "vực còn lại;",
                        ),
                        (
                            "c",
                            "công trình hạ tầng cáp ngầm: xây dựng đồng bộ với các công trình "
                            "giao thông, đô thị mới.",
                        ),
                    ],
                ),
                "Chỉ tiêu phát triển theo từng đơn vị hành chính tại Phụ lục kèm theo Quyết định "
                "này.",
            ],
        ),
        _article(
            "2",
            "",
            "Tổ chức thực hiện:",
            clauses=[
                "Sở Thông tin và Truyền thông chủ trì công bố quy hoạch; hướng dẫn, kiểm tra các "
                "doanh nghiệp viễn thông triển khai quy hoạch; định kỳ hằng năm báo cáo Ủy ban "
                "nhân dân tỉnh.",
                "Sở Xây dựng hướng dẫn cấp giấy phép xây dựng công trình hạ tầng kỹ thuật viễn "
                "thông thụ động theo quy hoạch.",
                "Ủy ban nhân dân các huyện, thành phố bố trí quỹ đất, phối hợp quản lý việc xây "
                "dựng hạ tầng viễn thông trên địa bàn.",
                "Các doanh nghiệp viễn thông xây dựng kế hoạch đầu tư phù hợp với quy hoạch, ưu "
                "tiên dùng chung hạ tầng.",
            ],
        ),
        _article(
            "3",
            "",
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám "
            "đốc các sở: Thông tin và Truyền thông, Xây dựng, Kế hoạch và Đầu tư, Tài chính; Chủ "
            "tịch Ủy ban nhân dân các huyện, thành phố và các doanh nghiệp viễn thông trên địa "
            "bàn tỉnh chịu trách nhiệm thi hành Quyết định này.",
        ),
        {
            "type": "appendix",
            "value": {
                "number": "",
                "title": "CHỈ TIÊU PHÁT TRIỂN HẠ TẦNG KỸ THUẬT VIỄN THÔNG THỤ ĐỘNG ĐẾN NĂM 2020\n"
                "(Kèm theo Quyết định số 512/QĐ-UBND ngày 28 tháng 3 năm 2016 của Ủy ban nhân "
                "dân tỉnh Cao Bằng)",
                "content": [
                    {"type": "table", "value": _district_table()},
                    {
                        "type": "paragraph",
                        "value": "Số liệu trong bảng là số liệu minh họa của bản trình diễn.",
                    },
                ],
            },
        },
    ],
    "recipients": [
        "Như Điều 3;",
        "Bộ Thông tin và Truyền thông;",
        "Thường trực Tỉnh ủy;",
        "Thường trực HĐND tỉnh;",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "Lưu: VT, VX.",
    ],
}

ROYALTIES_DRAFT = {
    "preamble": [
        *UBND_2016_PREAMBLE,
        "Căn cứ Nghị định số 18/2014/NĐ-CP ngày 14 tháng 3 năm 2014 của Chính phủ quy định về chế "
        "độ nhuận bút trong lĩnh vực báo chí, xuất bản;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
    ],
    "body": [
        _article(
            "1",
            "Phạm vi điều chỉnh",
            "Quy định này quy định mức chi trả nhuận bút, thù lao và việc sử dụng quỹ nhuận bút "
            "đối với báo in, báo điện tử, bản tin và xuất bản phẩm do cơ quan, đơn vị thuộc tỉnh "
            "Cao Bằng sử dụng ngân sách nhà nước thực hiện.",
        ),
        _article(
            "2",
            "Đối tượng áp dụng",
            clauses=[
                "Tác giả, chủ sở hữu quyền tác giả có tác phẩm được sử dụng.",
                "Cơ quan báo chí, nhà xuất bản, cơ quan, đơn vị có bản tin thuộc tỉnh.",
            ],
        ),
        {
            "type": "article",
            "value": {
                "number": "3",
                "heading": "Hệ số nhuận bút đối với báo in và báo điện tử",
                "text": "Nhuận bút được tính bằng hệ số nhân với giá trị một đơn vị hệ số nhuận "
                "bút bằng 10% mức lương cơ sở; hệ số theo thể loại như sau:",
                "clauses": [],
                "tables": [
                    _table(
                        [
                            ["Nhóm", "Thể loại", "Hệ số"],
                            ["1", "Tin tức, tin vắn", "1 - 3"],
                            ["2", "Phóng sự, ký sự, bài phản ánh", "8 - 15"],
                            ["3", "Xã luận, bình luận, chuyên luận", "10 - 20"],
                            ["4", "Ảnh báo chí", "2 - 6"],
                        ]
                    )
                ],
            },
        },
        _article(
            "4",
            "Quỹ nhuận bút",
            clauses=[
                "Quỹ nhuận bút được hình thành từ nguồn thu hoạt động báo chí, xuất bản và nguồn "
                "ngân sách nhà nước hỗ trợ hằng năm.",
                "Người đứng đầu cơ quan báo chí, nhà xuất bản quyết định mức chi trả cụ thể trong "
                "phạm vi quỹ nhuận bút.",
            ],
        ),
        _article(
            "5",
            "Tổ chức thực hiện",
            "Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Tài chính hướng dẫn, kiểm tra "
            "việc thực hiện Quy định này.",
        ),
    ],
}
