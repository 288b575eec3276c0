"""Demo content of the reference department (Sở Thông tin và Truyền thông Cao Bằng), taken from
its 6-month review of 2015 (shared/reference). Texts are written for demonstration and say so."""

import datetime

DEMO_NOTICE = (
    "[Văn bản minh họa — nội dung do hệ thống tạo để trình diễn, không có giá trị pháp lý.]"
)

# The deployment's identity (cms.models.DeploymentIdentity): the loader fills in what is blank,
# migration 0004 gives it to the sites that existed before the setting.
IDENTITY = {
    "province": "tỉnh Cao Bằng",
    "place": "Cao Bằng",
    "department_name": "Sở Thông tin và Truyền thông",
    "department_code": "STTTT",
    "department_head_title": "Giám đốc",
    "report_recipients": "UBND tỉnh (báo cáo);\nSở Tư pháp;\nVăn phòng UBND tỉnh;\nLãnh đạo Sở;\n"
    "Lưu: VT, VP.",
    "portal_name": "Sở Thông tin và Truyền thông — Văn bản pháp luật",
    "portal_short_name": "Văn bản pháp luật",
    "committee_name_en": "Cao Bang Provincial People's Committee",
    "portal_name_en": "Department of Information and Communications — Legal documents",
    "portal_short_name_en": "Legal documents",
    "department_full_name_en": "Department of Information and Communications of Cao Bang Province",
}

SECTORS = [
    ("Báo chí", "bao-chi"),
    ("Xuất bản", "xuat-ban"),
    ("Bưu chính", "buu-chinh"),
    ("Viễn thông", "vien-thong"),
    ("Công nghệ thông tin", "cong-nghe-thong-tin"),
    ("Tần số vô tuyến điện", "tan-so-vo-tuyen-dien"),
    ("Thông tin đối ngoại", "thong-tin-doi-ngoai"),
    ("Thông tin cơ sở", "thong-tin-co-so"),
]

# (name, code, is_normative)
DOCUMENT_TYPES = [
    ("Quyết định", "QĐ", True),
    ("Quyết định", "QĐ", False),
    ("Nghị quyết", "NQ", True),
    ("Chỉ thị", "CT", False),
    ("Kế hoạch", "KH", False),
    ("Chương trình hành động", "CTr", False),
    ("Báo cáo", "BC", False),
    ("Tờ trình", "TTr", False),
]

# (name, code, is_party_body)
BODIES = [
    ("Ủy ban nhân dân tỉnh Cao Bằng", "UBND", False),
    ("Tỉnh ủy Cao Bằng", "TU", True),
    ("Hội đồng nhân dân tỉnh Cao Bằng", "HĐND", False),
    ("Sở Thông tin và Truyền thông", "STTTT", False),
    ("Sở Tư pháp", "STP", False),
]

# English names of the reference data and portal pages above, by Vietnamese name (English mode;
# documents' own titles stay Vietnamese).
ENGLISH_NAMES = {
    "Báo chí": "Press",
    "Xuất bản": "Publishing",
    "Bưu chính": "Postal services",
    "Viễn thông": "Telecommunications",
    "Công nghệ thông tin": "Information technology",
    "Tần số vô tuyến điện": "Radio frequencies",
    "Thông tin đối ngoại": "External information",
    "Thông tin cơ sở": "Grassroots information",
    "Quyết định": "Decision",
    "Nghị quyết": "Resolution",
    "Chỉ thị": "Directive",
    "Kế hoạch": "Plan",
    "Chương trình hành động": "Action programme",
    "Báo cáo": "Report",
    "Tờ trình": "Submission",
    "Ủy ban nhân dân tỉnh Cao Bằng": "Cao Bang Provincial People's Committee",
    "Tỉnh ủy Cao Bằng": "Cao Bang Provincial Party Committee",
    "Hội đồng nhân dân tỉnh Cao Bằng": "Cao Bang Provincial People's Council",
    "Sở Thông tin và Truyền thông": "Department of Information and Communications",
    "Sở Tư pháp": "Department of Justice",
    "Trang chủ": "Home",
    "Văn bản": "Documents",
    "Lấy ý kiến dự thảo": "Draft consultations",
}


def _article(number, heading, text="", clauses=()):
    return {
        "type": "article",
        "value": {
            "number": number,
            "heading": heading,
            "text": text,
            "clauses": [
                {
                    "number": str(i),
                    "text": clause if isinstance(clause, str) else clause[0],
                    "points": [
                        {"letter": letter, "text": point}
                        for letter, point in ([] if isinstance(clause, str) else clause[1])
                    ],
                }
                for i, clause in enumerate(clauses, start=1)
            ],
        },
    }


def _chapter(number, heading):
    return {"type": "chapter", "value": {"number": number, "heading": heading}}


UBND_PREAMBLE = [
    DEMO_NOTICE,
    "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân "
    "ngày 03 tháng 12 năm 2004;",
]

# The drafting programme registered for 2015 (report, section I.1.a).
PROGRAMME = [
    {
        "slug": "du-thao-quy-che-phat-ngon",
        "title": "Quy chế phát ngôn và cung cấp thông tin cho báo chí trên địa bàn tỉnh Cao Bằng",
        "summary": "Ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí của các cơ quan "
        "hành chính nhà nước trên địa bàn tỉnh Cao Bằng",
        "type": ("QĐ", True),
        "sectors": ["bao-chi"],
        "planned_submission": datetime.date(2015, 8, 1),
        "preamble": [
            *UBND_PREAMBLE,
            "Căn cứ Luật Báo chí ngày 28 tháng 12 năm 1989; Luật sửa đổi, bổ sung một số điều "
            "của Luật Báo chí ngày 12 tháng 6 năm 1999;",
            "Căn cứ Quyết định số 25/2013/QĐ-TTg ngày 04 tháng 5 năm 2013 của Thủ tướng Chính phủ "
            "ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí;",
            "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
        ],
        "body": [
            _chapter("I", "QUY ĐỊNH CHUNG"),
            _article(
                "1",
                "Phạm vi điều chỉnh",
                "Quy chế này quy định việc phát ngôn và cung cấp thông tin cho báo chí của các "
                "cơ quan hành chính nhà nước trên địa bàn tỉnh Cao Bằng.",
            ),
            _article(
                "2",
                "Người phát ngôn",
                clauses=[
                    "Chủ tịch Ủy ban nhân dân tỉnh là người phát ngôn của Ủy ban nhân dân tỉnh.",
                    "Thủ trưởng các sở, ban, ngành là người phát ngôn của cơ quan mình; có thể "
                    "giao cho cấp phó phát ngôn trong từng trường hợp cụ thể.",
                ],
            ),
            _chapter("II", "PHÁT NGÔN VÀ CUNG CẤP THÔNG TIN"),
            _article(
                "3",
                "Phát ngôn định kỳ",
                clauses=[
                    (
                        "Ủy ban nhân dân tỉnh cung cấp thông tin định kỳ cho báo chí:",
                        [
                            ("a", "thông qua họp báo ít nhất ba tháng một lần;"),
                            ("b", "trên Cổng thông tin điện tử của tỉnh."),
                        ],
                    ),
                    "Các sở, ban, ngành cung cấp thông tin định kỳ trên trang thông tin điện tử "
                    "của cơ quan mình.",
                ],
            ),
            _article(
                "4",
                "Phát ngôn trong trường hợp đột xuất, bất thường",
                "Khi xảy ra sự kiện, vấn đề gây ảnh hưởng lớn trong xã hội, người phát ngôn có "
                "trách nhiệm cung cấp thông tin kịp thời, chính xác cho báo chí.",
            ),
        ],
    },
    {
        "slug": "du-thao-quy-dinh-chu-ky-so",
        "title": "Quy định về quản lý, ứng dụng chữ ký số trong việc gửi, nhận và sử dụng văn bản "
        "điện tử của các cơ quan hành chính nhà nước trên địa bàn tỉnh Cao Bằng",
        "summary": "Ban hành Quy định về quản lý, ứng dụng chữ ký số trong việc gửi, nhận và sử "
        "dụng văn bản điện tử của các cơ quan hành chính nhà nước trên địa bàn tỉnh Cao Bằng",
        "type": ("QĐ", True),
        "sectors": ["cong-nghe-thong-tin"],
        "planned_submission": datetime.date(2015, 7, 1),
        "preamble": [
            *UBND_PREAMBLE,
            "Căn cứ Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005;",
            "Căn cứ Nghị định số 26/2007/NĐ-CP ngày 15 tháng 02 năm 2007 của Chính phủ quy định "
            "chi tiết thi hành Luật Giao dịch điện tử về chữ ký số và dịch vụ chứng thực chữ "
            "ký số;",
            "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
        ],
        "body": [
            _article(
                "1",
                "Phạm vi điều chỉnh và đối tượng áp dụng",
                clauses=[
                    "Quy định này quy định việc quản lý, ứng dụng chữ ký số chuyên dùng trong việc "
                    "gửi, nhận và sử dụng văn bản điện tử.",
                    "Quy định này áp dụng đối với các cơ quan hành chính nhà nước trên địa bàn "
                    "tỉnh Cao Bằng.",
                ],
            ),
            _article(
                "2",
                "Giá trị pháp lý của văn bản điện tử có chữ ký số",
                "Văn bản điện tử được ký số theo Quy định này có giá trị pháp lý như văn bản giấy "
                "có chữ ký và đóng dấu của cơ quan.",
            ),
            _article(
                "3",
                "Trách nhiệm của Sở Thông tin và Truyền thông",
                clauses=[
                    (
                        "Sở Thông tin và Truyền thông có trách nhiệm:",
                        [
                            ("a", "hướng dẫn, kiểm tra việc ứng dụng chữ ký số;"),
                            ("b", "quản lý thuê bao, hỗ trợ sử dụng chứng thư số;"),
                            ("c", "tích hợp chữ ký số vào hệ thống quản lý văn bản eOffice."),
                        ],
                    )
                ],
            ),
        ],
    },
    {
        "slug": "du-thao-quy-dinh-thong-tin-doi-ngoai",
        "title": "Quy định quản lý các hoạt động thông tin đối ngoại trên địa bàn tỉnh Cao Bằng",
        "summary": "Ban hành Quy định quản lý các hoạt động thông tin đối ngoại trên địa bàn "
        "tỉnh Cao Bằng",
        "type": ("QĐ", True),
        "sectors": ["thong-tin-doi-ngoai"],
        "planned_submission": datetime.date(2015, 8, 1),
        "preamble": [
            *UBND_PREAMBLE,
            "Căn cứ Quyết định số 79/2010/QĐ-TTg ngày 30 tháng 11 năm 2010 của Thủ tướng Chính "
            "phủ ban hành Quy chế quản lý nhà nước về thông tin đối ngoại;",
            "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
        ],
        "body": [
            _article(
                "1",
                "Phạm vi điều chỉnh",
                "Quy định này quy định về quản lý hoạt động thông tin đối ngoại của các cơ quan, "
                "tổ chức trên địa bàn tỉnh Cao Bằng.",
            ),
            _article(
                "2",
                "Nội dung thông tin đối ngoại",
                clauses=[
                    "Thông tin về chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà "
                    "nước và tình hình phát triển kinh tế - xã hội của tỉnh.",
                    "Thông tin về tiềm năng, thế mạnh du lịch, trong đó có Cụm thông tin đối ngoại "
                    "thác Bản Giốc.",
                ],
            ),
        ],
    },
    {
        "slug": "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong",
        "title": "Quy hoạch hạ tầng kỹ thuật viễn thông thụ động tỉnh Cao Bằng giai đoạn "
        "2015-2020, định hướng đến năm 2025",
        "summary": "Phê duyệt Quy hoạch hạ tầng kỹ thuật viễn thông thụ động tỉnh Cao Bằng giai "
        "đoạn 2015-2020, định hướng đến năm 2025",
        "type": ("QĐ", False),
        "sectors": ["vien-thong"],
        # Registered for June 2015; the postponement to September is in the workflow history.
        "planned_submission": datetime.date(2015, 6, 1),
        "preamble": [
            DEMO_NOTICE,
            "Căn cứ Luật Viễn thông ngày 23 tháng 11 năm 2009;",
            "Căn cứ Thông tư số 14/2013/TT-BTTTT ngày 21 tháng 6 năm 2013 của Bộ Thông tin và "
            "Truyền thông hướng dẫn việc lập, phê duyệt và tổ chức thực hiện quy hoạch hạ tầng "
            "kỹ thuật viễn thông thụ động tại địa phương;",
        ],
        "body": [
            _article(
                "1",
                "Phê duyệt Quy hoạch",
                "Phê duyệt Quy hoạch hạ tầng kỹ thuật viễn thông thụ động tỉnh Cao Bằng giai đoạn "
                "2015-2020, định hướng đến năm 2025 với các nội dung chủ yếu sau:",
                clauses=[
                    "Quan điểm phát triển: phát triển hạ tầng viễn thông thụ động bền vững, dùng "
                    "chung cơ sở hạ tầng giữa các doanh nghiệp.",
                    "Mục tiêu đến năm 2020: 100% số xã có cột ăng ten thu phát sóng dùng chung; "
                    "ngầm hóa hạ tầng cáp viễn thông tại các tuyến phố chính.",
                ],
            ),
            _article(
                "2",
                "Tổ chức thực hiện",
                "Sở Thông tin và Truyền thông chủ trì, hướng dẫn các doanh nghiệp viễn thông "
                "triển khai quy hoạch.",
            ),
        ],
    },
    {
        "slug": "du-thao-quy-dinh-nhuan-but",
        "title": "Quy định về mức chi trả nhuận bút, thù lao và sử dụng quỹ nhuận bút trong lĩnh "
        "vực báo chí, xuất bản trên địa bàn tỉnh Cao Bằng",
        "summary": "Ban hành Quy định về mức chi trả nhuận bút, thù lao và sử dụng quỹ nhuận bút "
        "trong lĩnh vực báo chí, xuất bản trên địa bàn tỉnh Cao Bằng",
        "type": ("QĐ", True),
        "sectors": ["bao-chi", "xuat-ban"],
        "planned_submission": datetime.date(2015, 10, 1),
        "preamble": [
            *UBND_PREAMBLE,
            "Căn cứ Nghị định số 18/2014/NĐ-CP ngày 14 tháng 3 năm 2014 của Chính phủ quy định "
            "về chế độ nhuận bút trong lĩnh vực báo chí, xuất bản;",
            "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
        ],
        "body": [],
    },
]

# Documents the department advised on and that were issued in 2015 (report, I.1.a).
ISSUED = [
    {
        "slug": "56-ctr-tu",
        "title": "Chương trình hành động thực hiện Nghị quyết số 36-NQ/TW về đẩy mạnh ứng dụng, "
        "phát triển công nghệ thông tin",
        "summary": "Thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị về đẩy mạnh "
        "ứng dụng, phát triển công nghệ thông tin đáp ứng yêu cầu phát triển bền vững và hội "
        "nhập quốc tế",
        "type": ("CTr", False),
        "issuer": "TU",
        "number": "56-CTr/TU",
        "issued_on": datetime.date(2015, 5, 6),
        "signer": "(Demo) Nguyễn Văn A",
        "signer_title": "T/M BAN THƯỜNG VỤ\nBÍ THƯ",
        "sectors": ["cong-nghe-thong-tin"],
        "preamble": [
            DEMO_NOTICE,
            "Thực hiện Nghị quyết số 36-NQ/TW ngày 01 tháng 7 năm 2014 của Bộ Chính trị, Ban "
            "Thường vụ Tỉnh ủy xây dựng Chương trình hành động như sau:",
        ],
        "body": [
            _chapter("I", "MỤC ĐÍCH, YÊU CẦU"),
            _article(
                "1",
                "Mục đích",
                "Quán triệt sâu sắc quan điểm, mục tiêu của Nghị quyết số 36-NQ/TW; đẩy mạnh ứng "
                "dụng công nghệ thông tin trong hoạt động của các cơ quan Đảng, Nhà nước.",
            ),
            _chapter("II", "NHIỆM VỤ, GIẢI PHÁP"),
            _article(
                "2",
                "Ứng dụng công nghệ thông tin trong cơ quan nhà nước",
                clauses=[
                    "Hoàn thiện hệ thống quản lý văn bản và điều hành điện tử, kết nối liên thông "
                    "đến cấp huyện.",
                    "Triển khai chữ ký số chuyên dùng trong gửi, nhận văn bản điện tử.",
                ],
            ),
        ],
        "recipients": [
            "Ban Bí thư (báo cáo);",
            "Các huyện ủy, thành ủy;",
            "Lưu Văn phòng Tỉnh ủy.",
        ],
        "relations": [
            ("legal_basis", None, "Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị"),
        ],
    },
    {
        "slug": "629-qd-ubnd",
        "title": "Quyết định thành lập Ban chỉ đạo ứng dụng công nghệ thông tin tỉnh Cao Bằng",
        "summary": "Về việc thành lập Ban chỉ đạo ứng dụng công nghệ thông tin tỉnh Cao Bằng",
        "type": ("QĐ", False),
        "issuer": "UBND",
        "number": "629/QĐ-UBND",
        "issued_on": datetime.date(2015, 5, 25),
        "signer": "(Demo) Trần Văn B",
        "signer_title": "CHỦ TỊCH",
        "sectors": ["cong-nghe-thong-tin"],
        "preamble": [
            *UBND_PREAMBLE[:2],
            "Căn cứ Chương trình hành động số 56-CTr/TU ngày 06 tháng 5 năm 2015 của Tỉnh ủy "
            "Cao Bằng;",
            "Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
        ],
        "body": [
            _article(
                "1",
                "",
                "Thành lập Ban chỉ đạo ứng dụng công nghệ thông tin tỉnh Cao Bằng, gồm Trưởng ban "
                "là Chủ tịch Ủy ban nhân dân tỉnh, Phó Trưởng ban thường trực là Giám đốc Sở "
                "Thông tin và Truyền thông và các thành viên là lãnh đạo các sở, ban, ngành.",
            ),
            _article(
                "2",
                "",
                "Ban chỉ đạo có nhiệm vụ giúp Ủy ban nhân dân tỉnh chỉ đạo, điều phối việc ứng "
                "dụng công nghệ thông tin; Sở Thông tin và Truyền thông là cơ quan thường trực.",
            ),
            _article("3", "", "Quyết định này có hiệu lực kể từ ngày ký."),
        ],
        "recipients": [
            "Như Điều 3;",
            "Thường trực Tỉnh ủy;",
            "Thường trực HĐND tỉnh;",
            "Lưu: VT, VX.",
        ],
        "relations": [("legal_basis", "56-ctr-tu", "")],
    },
    {
        "slug": "510-kh-ubnd",
        "title": "Kế hoạch thực hiện Ngày sách Việt Nam trên địa bàn tỉnh Cao Bằng",
        "summary": "Thực hiện Ngày sách Việt Nam trên địa bàn tỉnh Cao Bằng",
        "type": ("KH", False),
        "issuer": "UBND",
        "number": "510/KH-UBND",
        "issued_on": datetime.date(2015, 3, 18),
        "signer": "(Demo) Lê Thị C",
        "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "sectors": ["xuat-ban"],
        "preamble": [
            DEMO_NOTICE,
            "Thực hiện Quyết định số 284/QĐ-TTg ngày 24 tháng 02 năm 2014 của Thủ tướng Chính "
            "phủ lấy ngày 21 tháng 4 hằng năm là Ngày sách Việt Nam, Ủy ban nhân dân tỉnh ban "
            "hành Kế hoạch như sau:",
        ],
        "body": [
            _article(
                "1",
                "Mục đích, yêu cầu",
                "Khuyến khích phong trào đọc sách, nâng cao nhận thức của các cấp, các ngành và "
                "nhân dân về vai trò của sách.",
            ),
            _article(
                "2",
                "Nội dung hoạt động",
                clauses=[
                    "Tổ chức hội sách, triển lãm sách tại thành phố Cao Bằng từ ngày 18 đến ngày "
                    "21 tháng 4 năm 2015.",
                    "Tuyên truyền về Ngày sách Việt Nam trên báo chí và hệ thống truyền thanh "
                    "cơ sở.",
                ],
            ),
        ],
        "recipients": ["Các sở, ban, ngành tỉnh;", "UBND các huyện, thành phố;", "Lưu: VT."],
        "relations": [],
    },
]

# One demo user per role (dev only): (username, first name, last name, role).
DEMO_USERS = [
    ("soanthao", "Nông Thị", "Hoa", "drafting_team"),
    ("lanhdao", "Hoàng Ngọc", "Minh", "leadership"),
    ("thamdinh", "Bế Văn", "Tùng", "appraiser"),
    ("vanphong", "Đàm Thị", "Lan", "committee_office"),
    ("bientap", "Lục Văn", "Quang", "portal_editor"),
]
DEMO_PASSWORD = "demo-cao-bang-2015"
