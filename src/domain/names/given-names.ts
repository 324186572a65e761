/**
 * Ukrainian and Russian forms of the same given name, one group per line: the sex it is given to
 * (m/f), then its Cyrillic forms — the Ukrainian one first, then Russian, then frequent other
 * spellings (church or older forms, Belarusian-influenced forms, official variants such as
 * Наталія/Наталя). Spelling conventions are *not* listed: every Latin spelling reaches the same
 * phonetic form through the decoders, so Oleksandr, Olexandr, Aleksander and Александр all land
 * in the first group.
 *
 * Diminutives (Саша, Таня) are left out on purpose: a diminutive is shared by several full names
 * (Саша: Олександр and Олександра), so listing it would join different people.
 *
 * Male and female forms are separate groups (Олександр / Олександра), which is how
 * Oleksandr ≠ Oleksandra is decided for known names.
 */
export const GIVEN_NAME_GROUPS_TEXT = `
m Олександр Александр Алєксандр
m Олексій Алексей Олекса Алексий
m Анатолій Анатолий
m Андрій Андрей
m Антон
m Аркадій Аркадий
m Арсеній Арсений
m Артем Артём Артемій Артемий
m Артур
m Альберт
m Богдан
m Борис
m Вадим
m Валентин
m Валерій Валерий
m Василь Василий
m Веніамін Вениамин
m Віктор Виктор
m Віталій Виталий
m Владислав
m Володимир Владимир
m Всеволод
m В'ячеслав Вячеслав
m Гаврило Гавриил Гаврила
m Геннадій Геннадий
m Георгій Георгий
m Герман
m Гліб Глеб
m Гордій Гордей
m Григорій Григорий
m Давид
m Данило Даниил Данила Даниїл
m Дем'ян Демьян
m Денис
m Дмитро Дмитрий
m Едуард Эдуард
m Євген Евгений Євгеній
m Єгор Егор
m Єфим Ефим Юхим
m Ємельян Емельян Омелян
m Захар
m Зіновій Зиновий
m Іван Иван
m Ігнат Игнат Ігнатій Игнатий
m Ігор Игорь
m Іларіон Илларион Іларион
m Ілля Илья Ілья
m Йосип Иосиф Осип
m Карпо Карп
m Кирило Кирилл
m Климентій Климентий Клим
m Костянтин Константин
m Кузьма
m Лаврін Лаврентий Лаврентій
m Лев
m Леонід Леонид
m Лука
m Лук'ян Лукьян
m Любомир
m Макар
m Максим
m Марко Марк
m Мар'ян Марьян
m Матвій Матвей
m Микита Никита
m Микола Николай
m Мирон
m Мирослав
m Михайло Михаил
m Мстислав
m Назар
m Наум
m Нестор
m Никифор Нікіфор
m Олег
m Олесь Алесь
m Онисим Анисим
m Орест
m Остап
m Павло Павел
m Панас Афанасий Опанас
m Петро Пётр Петр
m Платон
m Прохор
m Родіон Родион
m Роман
m Ростислав
m Руслан
m Савелій Савелий
m Сава Савва
m Святослав
m Семен Семён
m Сергій Сергей
m Спиридон
m Станіслав Станислав
m Степан
m Тарас
m Тимофій Тимофей
m Тимур
m Тихон
m Трохим Трофим
m Устим Устин
m Федір Фёдор Федор
m Філіп Филипп Пилип
m Фома Хома
m Харитон
m Юліан Юлиан
m Юрій Юрий
m Яким Аким
m Яків Яков
m Ян
m Ярема Ерёма Еремей
m Ярослав
f Олександра Александра
f Аліна Алина
f Аліса Алиса
f Алла
f Альона Алёна Алена
f Анастасія Анастасия
f Ангеліна Ангелина
f Анжела Анжелика
f Анна Ганна
f Антоніна Антонина
f Богдана
f Валентина
f Валерія Валерия
f Василина Василиса
f Вероніка Вероника
f Віра Вера
f Вікторія Виктория
f Віолетта Виолетта
f Віталіна Виталина
f Владислава
f Галина
f Дарина
f Дар'я Дарья Дария
f Діана Диана
f Діна Дина
f Ева Єва
f Євгенія Евгения
f Євдокія Евдокия Явдоха
f Єлизавета Елизавета Лізавета
f Еліна Элина
f Ельвіра Эльвира
f Емілія Эмилия
f Емма Эмма
f Жанна
f Зінаїда Зинаида
f Злата
f Зоя
f Іванна Иванна
f Ілона
f Інна Инна
f Ірина Ирина
f Каріна Карина
f Катерина Екатерина
f Кіра Кира
f Клавдія Клавдия
f Ксенія Ксения
f Лариса
f Леся
f Лідія Лидия
f Лілія Лилия
f Любов Любовь
f Людмила
f Майя Мая
f Маргарита
f Марина
f Марія Мария Марья
f Мар'яна Марьяна
f Мілана Милана
f Мирослава
f Надія Надежда
f Наталія Наталья Наталия Наталя
f Неля Нелли Нелля
f Ніна Нина
f Оксана
f Олена Елена
f Олеся Алеся
f Ольга
f Параска Прасковья
f Поліна Полина
f Раїса Раиса
f Регіна Регина
f Роксолана Роксана
f Ростислава
f Руслана
f Світлана Светлана
f Серафима
f Софія София Софья
f Соломія Соломея
f Станіслава Станислава
f Стефанія Стефания
f Таїсія Таисия
f Тамара
f Тетяна Татьяна
f Уляна Ульяна
f Фаїна Фаина
f Христина Кристина Крістіна
f Юліана Юлиана
f Юлія Юлия
f Яна
f Яніна Янина
f Ярина
f Ярослава
`;

export type Sex = 'm' | 'f';

export interface GivenNameGroupSource {
  sex: Sex;
  forms: string[];
}

/** The table above as data. */
export function givenNameGroupSources(): GivenNameGroupSource[] {
  const groups: GivenNameGroupSource[] = [];
  for (const line of GIVEN_NAME_GROUPS_TEXT.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const [sex, ...forms] = parts;
    if ((sex !== 'm' && sex !== 'f') || forms.length === 0) continue;
    groups.push({ sex, forms });
  }
  return groups;
}
