pub mod my_index;
