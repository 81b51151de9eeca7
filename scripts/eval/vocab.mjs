// Vocabulary of the evaluation generator: units, procedures (official name, officers' short
// form, abbreviation), Vietnamese names with realistic frequencies. Invented, no real person.

/** Units of a Tây Ninh-like province: code, name, aliases, weight (share of dossiers), kind. */
export const UNITS = [
  { code: '000.00.07.H53', name: 'Sở Tư pháp', aliases: ['Sở Tư pháp tỉnh Tây Ninh', 'STP'], weight: 14, kind: 'justice', format: 'xlsx-official' },
  { code: '000.00.12.H53', name: 'Sở Tài nguyên và Môi trường', aliases: ['Sở TN&MT', 'Sở TNMT'], weight: 10, kind: 'land', format: 'xlsx-simple' },
  { code: '000.00.19.H53', name: 'UBND huyện Gò Dầu', aliases: ['Ủy ban nhân dân huyện Gò Dầu', 'UBND H. Gò Dầu'], weight: 16, kind: 'district', format: 'xlsx-simple' },
  { code: '000.00.20.H53', name: 'UBND thị xã Trảng Bàng', aliases: ['TX Trảng Bàng', 'Ủy ban nhân dân thị xã Trảng Bàng'], weight: 15, kind: 'district', format: 'csv-1258' },
  { code: '000.00.21.H53', name: 'UBND huyện Dương Minh Châu', aliases: ['Ủy ban nhân dân huyện Dương Minh Châu'], weight: 12, kind: 'district', format: 'xlsx-official', quarterOnly: true },
  { code: '000.31.19.H53', name: 'UBND xã Phước Thạnh', aliases: ['Xã Phước Thạnh'], weight: 9, kind: 'commune', format: 'csv-utf8' },
  { code: '000.32.19.H53', name: 'UBND xã Thạnh Đức', aliases: ['Xã Thạnh Đức'], weight: 8, kind: 'commune', format: 'csv-1258' },
  { code: '000.41.20.H53', name: 'UBND phường An Tịnh', aliases: ['Phường An Tịnh'], weight: 9, kind: 'commune', format: 'xlsx-simple' },
];

// [official name, short form, abbreviated form, relative frequency]
const P = (official, short, abbr, weight) => ({ official, short, abbr, weight });

/** Procedures per kind of unit. */
export const PROCEDURES = {
  justice: [
    P('Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', 'Cấp phiếu lý lịch tư pháp', 'Cấp phiếu LLTP', 30),
    P('Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, cơ quan tiến hành tố tụng', 'Cấp phiếu LLTP cho cơ quan nhà nước', 'LLTP cơ quan NN', 4),
    P('Thủ tục đăng ký hành nghề và cấp Thẻ công chứng viên', 'Cấp thẻ công chứng viên', 'Cấp thẻ CCV', 2),
    P('Thủ tục thành lập Văn phòng công chứng', 'Thành lập văn phòng công chứng', 'Thành lập VPCC', 1),
    P('Thủ tục xin nhập quốc tịch Việt Nam', 'Xin nhập quốc tịch', 'Nhập quốc tịch VN', 2),
    P('Thủ tục cấp Giấy xác nhận có quốc tịch Việt Nam', 'Xác nhận có quốc tịch', 'XN có quốc tịch VN', 3),
    P('Đăng ký khai sinh có yếu tố nước ngoài', 'Khai sinh có yếu tố nước ngoài', 'ĐK khai sinh YTNN', 4),
    P('Đăng ký kết hôn có yếu tố nước ngoài', 'Kết hôn có yếu tố nước ngoài', 'ĐK kết hôn YTNN', 5),
    P('Thủ tục cấp bản sao trích lục hộ tịch', 'Cấp bản sao trích lục hộ tịch', 'BS trích lục hộ tịch', 6),
  ],
  land: [
    P('Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu', 'Cấp GCN lần đầu', 'Cấp GCN QSDĐ lần đầu', 12),
    P('Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng', 'Đăng ký biến động chuyển nhượng', 'ĐK biến động chuyển nhượng', 20),
    P('Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất', 'Cấp đổi giấy chứng nhận', 'Cấp đổi GCN', 10),
    P('Cấp lại Giấy chứng nhận do bị mất', 'Cấp lại GCN bị mất', 'Cấp lại GCN', 4),
    P('Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', 'Đăng ký thế chấp', 'ĐK thế chấp QSDĐ', 15),
    P('Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', 'Xóa thế chấp', 'Xóa ĐK thế chấp', 10),
    P('Cấp giấy phép khai thác, sử dụng nước dưới đất', 'Cấp phép khai thác nước dưới đất', 'GP khai thác nước', 2),
    P('Thẩm định báo cáo đánh giá tác động môi trường', 'Thẩm định báo cáo ĐTM', 'Thẩm định ĐTM', 2),
  ],
  district: [
    P('Đăng ký thành lập hộ kinh doanh', 'Thành lập hộ kinh doanh', 'ĐK thành lập HKD', 15),
    P('Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'Thay đổi nội dung hộ kinh doanh', 'Thay đổi ĐK HKD', 8),
    P('Cấp giấy phép xây dựng đối với công trình, nhà ở riêng lẻ', 'Cấp phép xây dựng nhà ở riêng lẻ', 'Cấp GPXD nhà ở', 14),
    P('Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng', 'Đăng ký biến động chuyển nhượng', 'ĐK biến động chuyển nhượng', 18),
    P('Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền', 'Chuyển mục đích sử dụng đất', 'Chuyển MĐSDĐ', 8),
    P('Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm', 'Cấp giấy chứng nhận an toàn thực phẩm', 'Cấp GCN ATTP', 4),
    P('Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp', 'Chứng thực bản sao', 'CT bản sao', 16),
    P('Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở', 'Chứng thực hợp đồng giao dịch', 'CT hợp đồng', 8),
    P('Giải quyết chế độ trợ cấp xã hội hằng tháng', 'Trợ cấp xã hội hằng tháng', 'TC xã hội hằng tháng', 5),
  ],
  commune: [
    P('Đăng ký khai sinh', 'Khai sinh', 'ĐK khai sinh', 20),
    P('Đăng ký kết hôn', 'Kết hôn', 'ĐK kết hôn', 8),
    P('Đăng ký khai tử', 'Khai tử', 'ĐK khai tử', 5),
    P('Cấp Giấy xác nhận tình trạng hôn nhân', 'Xác nhận tình trạng hôn nhân', 'XN TTHN', 14),
    P('Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp', 'Chứng thực bản sao', 'CT bản sao', 22),
    P('Chứng thực chữ ký trong các giấy tờ, văn bản', 'Chứng thực chữ ký', 'CT chữ ký', 12),
    P('Đăng ký thường trú', 'Đăng ký thường trú', 'ĐK thường trú', 6),
    P('Xác nhận đơn đề nghị vay vốn ngân hàng chính sách xã hội', 'Xác nhận vay vốn', 'XN vay vốn NHCSXH', 4),
  ],
};

/** Family names with approximate national shares (percent). */
export const FAMILY = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 5], ['Hoàng', 3], ['Phan', 4.5], ['Võ', 4], ['Đặng', 2], ['Bùi', 2],
  ['Đỗ', 1.5], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.6], ['Trương', 1], ['Lâm', 0.5], ['Mai', 0.4], ['Tô', 0.3],
  ['Châu', 0.4], ['Thái', 0.3], ['Cao', 0.4], ['Quách', 0.2], ['Lưu', 0.3], ['Tạ', 0.2], ['Đoàn', 0.5], ['Vương', 0.2], ['Kiều', 0.1], ['Tăng', 0.2],
];
export const MIDDLE_MALE = [['Văn', 50], ['Minh', 8], ['Hữu', 6], ['Đức', 5], ['Quốc', 5], ['Thanh', 6], ['Công', 4], ['Ngọc', 3], ['Hoàng', 3], ['Tấn', 4], ['Thành', 3], ['Trung', 3]];
export const MIDDLE_FEMALE = [['Thị', 60], ['Ngọc', 8], ['Thu', 5], ['Thanh', 5], ['Kim', 5], ['Mỹ', 4], ['Bích', 3], ['Hồng', 4], ['Thùy', 3], ['Phương', 3]];
export const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Hải', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng', 'Hưng', 'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Lộc', 'Long',
  'Luân', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quang', 'Quân', 'Sơn', 'Tài', 'Tâm', 'Tân', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Toàn', 'Trí',
  'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Bảo', 'Châu', 'Danh', 'Định', 'Giang', 'Hậu', 'Hiển', 'Hòa', 'Khải', 'Lực', 'Mạnh', 'Nhựt', 'Phước', 'Sang',
];
export const GIVEN_FEMALE = [
  'Anh', 'Bích', 'Chi', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hân', 'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan',
  'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Như', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Thảo', 'Thanh', 'Thủy', 'Thúy', 'Thư', 'Trang', 'Trinh', 'Tuyết', 'Uyên',
  'Vân', 'Vy', 'Xuân', 'Yến', 'Ánh', 'Diệu', 'Hậu', 'Khánh', 'Kiều', 'Lệ', 'Mơ', 'Nguyệt', 'Nhàn', 'Phượng', 'Sương', 'Tâm', 'Thắm', 'Tiên', 'Trâm', 'Vàng',
];
export const COMPANY_ACTIVITY = ['Xây dựng', 'Thương mại', 'Dịch vụ', 'Thương mại Dịch vụ', 'Sản xuất', 'Nông sản', 'Vận tải', 'Cao su', 'Đầu tư', 'Bất động sản'];
export const COMPANY_NAME = ['Minh Phát', 'Hòa Bình', 'Sao Mai', 'Tân Phú', 'Phước Lộc', 'Thành Công', 'An Khang', 'Đại Nam', 'Hưng Thịnh', 'Kim Ngân', 'Trường Sơn', 'Bảo Long', 'Thiên Phúc', 'Nam Việt', 'Gia Huy', 'Phú Cường', 'Hải Đăng', 'Ngọc Châu', 'Tây Ninh Xanh', 'Đông Á'];
export const COMPANY_FORM = [
  ['Công ty TNHH', ['CTY TNHH', 'Cty TNHH', 'Công ty trách nhiệm hữu hạn']],
  ['Công ty TNHH MTV', ['CTY TNHH MTV', 'Công ty TNHH một thành viên', 'Cty TNHH 1TV']],
  ['Công ty Cổ phần', ['CTCP', 'Cty CP', 'Công ty CP']],
  ['Doanh nghiệp tư nhân', ['DNTN']],
  ['Hợp tác xã', ['HTX']],
];
export const HAMLETS = ['Ấp 1', 'Ấp 2', 'Ấp 3', 'Ấp Bến Mương', 'Ấp Lộc Thuận', 'Khu phố 1', 'Khu phố 4', 'Ấp Trâm Vàng', 'Ấp Cầu Xe', 'Ấp Bàu Đồn'];
